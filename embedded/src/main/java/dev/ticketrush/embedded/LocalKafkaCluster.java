package dev.ticketrush.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Real KRaft Kafka on loopback from the kafka_2.13 artifacts: N nodes, each broker and controller in a child JVM of
 * its own, on free ports, data in the given folder. One node is the single broker the tests and {@code --embedded}
 * use; three make a 3-voter quorum whose topics keep 3 replicas and need 2 in sync, so losing any one node loses
 * neither data nor the ability to write with {@code acks=all}.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    /** Where one node listens; its id is the {@code node.id} Kafka's admin answers name it by. */
    public record NodeAddress(int id, int brokerPort, int controllerPort) {
        public String address() {
            return "127.0.0.1:" + brokerPort;
        }

        public List<Integer> ports() {
            return List.of(brokerPort, controllerPort);
        }
    }

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(20);

    private final List<KafkaNode> nodes;

    /** Starts {@code size} nodes side by side and returns once every one of them serves as a broker. */
    public LocalKafkaCluster(Path dataDir, int size) {
        this(dataDir, size, true);
    }

    /**
     * Starts {@code size} nodes side by side and returns at once, their addresses known: a client may open its other
     * connections meanwhile. {@link #awaitServing()} waits until every node serves.
     */
    public static LocalKafkaCluster launch(Path dataDir, int size) {
        return new LocalKafkaCluster(dataDir, size, false);
    }

    private LocalKafkaCluster(Path dataDir, int size, boolean await) {
        if (size < 1) throw new IllegalArgumentException("a Kafka cluster needs at least one node, not " + size);
        // distinct, as two picks in a row could be handed the same ephemeral port
        List<Integer> ports = Stream.generate(FreePort::pick).distinct().limit(2L * size).toList();
        List<NodeAddress> addresses = IntStream.range(0, size)
                .mapToObj(i -> new NodeAddress(i + 1, ports.get(2 * i), ports.get(2 * i + 1))).toList();
        String voters = addresses.stream().map(node -> node.id() + "@127.0.0.1:" + node.controllerPort()).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        // one node keeps the heap the single broker always had; a cluster's nodes share a small machine
        String maxHeap = size == 1 ? "768m" : "384m";
        this.nodes = addresses.stream().map(node -> {
            Path nodeDir = dataDir.resolve("node-" + node.id());
            return new KafkaNode(node, nodeDir, properties(node, voters, nodeDir.resolve("logs"), size), clusterId, maxHeap);
        }).toList();
        try {
            nodes.forEach(KafkaNode::start);
            if (await) awaitServing(nodes);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Returns once every node serves as a broker; one that exits or does not serve in time is an {@link IllegalStateException}. */
    public void awaitServing() {
        awaitServing(nodes);
    }

    /** The comma-separated {@code host:port} list of every node's broker listener. */
    public String bootstrap() {
        return nodes.stream().map(node -> node.address().address()).collect(Collectors.joining(","));
    }

    public List<NodeAddress> nodes() {
        return nodes.stream().map(KafkaNode::address).toList();
    }

    /** Kills the node with SIGKILL, as a crash would, and returns once its process is gone. */
    public void kill(int nodeId) {
        node(nodeId).kill();
    }

    /** Starts a node again on its own ports and data, and returns once the cluster counts it as a broker again. */
    public void restart(int nodeId) {
        KafkaNode node = node(nodeId);
        node.start();
        awaitServing(List.of(node));
    }

    private KafkaNode node(int nodeId) {
        return nodes.stream().filter(node -> node.address().id() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka node " + nodeId + " in " + nodes()));
    }

    private static String properties(NodeAddress node, String voters, Path logDir, int size) {
        int minInSync = Math.min(2, size);
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=" + node.id(),
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + node.brokerPort() + ",CONTROLLER://127.0.0.1:" + node.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + node.brokerPort(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=6",
                "default.replication.factor=" + size,
                "offsets.topic.replication.factor=" + size,
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=" + size,
                "transaction.state.log.min.isr=" + minInSync,
                "share.coordinator.state.topic.replication.factor=" + size,
                "share.coordinator.state.topic.min.isr=" + minInSync,
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true"));
        // with three copies, acks=all means two: one node may be lost without losing a write or refusing one
        if (size >= 3) lines.add("min.insync.replicas=2");
        // a dead node is fenced, and its partitions led elsewhere, within the 10 s a producer waits for a write
        if (size > 1) lines.addAll(List.of("broker.session.timeout.ms=6000", "broker.heartbeat.interval.ms=1000"));
        return String.join("\n", lines) + "\n";
    }

    /** Waits until the cluster's metadata counts each of these nodes as a live broker. */
    private void awaitServing(Collection<KafkaNode> starting) {
        Set<Integer> wanted = starting.stream().map(node -> node.address().id()).collect(Collectors.toSet());
        Instant deadline = Instant.now().plus(STARTUP_LIMIT);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                // the default backoff grows to 1 s while the broker is not listening yet, and start-up would wait it out
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 100))) {
            while (Instant.now().isBefore(deadline)) {
                for (KafkaNode node : starting) {
                    if (!node.isAlive()) throw failed(node, node.exitDescription());
                }
                try {
                    Set<Integer> serving = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).stream()
                            .map(Node::id).collect(Collectors.toSet());
                    if (serving.containsAll(wanted)) return;
                } catch (Exception notYet) {
                    // the quorum is still electing or the brokers are still registering
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw failed(starting.iterator().next(), "was not serving within " + STARTUP_LIMIT.toSeconds() + " s");
    }

    private static IllegalStateException failed(KafkaNode node, String why) {
        return new IllegalStateException("Kafka broker " + why + "; its log: " + node.logFile());
    }

    /**
     * Stops the nodes one by one while the others still make a quorum that approves each controlled shutdown
     * (all at once, each would wait for the quorum the others just left); the one left without a quorum is killed.
     */
    @Override
    public void close() {
        int quorum = nodes.size() / 2 + 1;
        for (KafkaNode node : nodes) {
            if (nodes.stream().filter(KafkaNode::isAlive).count() >= quorum) node.stop(SHUTDOWN_LIMIT);
            else node.kill();
        }
    }
}
