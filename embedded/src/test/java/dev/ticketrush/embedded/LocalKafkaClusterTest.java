package dev.ticketrush.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalKafkaClusterTest {

    private static final String TOPIC = "three-copies";

    @TempDir
    Path dataDir;

    @Test
    void threeNodesKeepTakingAcksAllWritesWhenOneIsKilledAndTakeItBackOnRestart() throws Exception {
        List<Integer> ports = new ArrayList<>();
        long started = System.nanoTime();
        try (LocalKafkaCluster cluster = new LocalKafkaCluster(dataDir, 3)) {
            System.out.printf("3-node cluster serving after %.1f s%n", (System.nanoTime() - started) / 1e9);
            cluster.nodes().forEach(node -> ports.addAll(node.ports()));
            assertEquals(3, cluster.bootstrap().split(",").length, cluster.bootstrap());
            try (Admin admin = admin(cluster); KafkaProducer<String, String> producer = producer(cluster)) {
                assertEquals(Set.of(1, 2, 3), brokerIds(admin));
                assertEquals(3, admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).voters().size(), "a 3-voter quorum");
                admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 3))).all().get(30, TimeUnit.SECONDS);
                assertEquals("2", minInSyncReplicas(admin), "acks=all waits for two copies");
                writeToEveryPartition(producer, "before");

                Node leader = partitions(admin).getFirst().leader();
                cluster.kill(leader.id());
                LocalKafkaCluster.NodeAddress killed = cluster.nodes().stream().filter(node -> node.id() == leader.id()).findFirst().orElseThrow();
                killed.ports().forEach(port -> assertFalse(FreePort.isListening("127.0.0.1", port), "the killed node's port " + port + " is free"));

                long killedAt = System.nanoTime();
                writeToEveryPartition(producer, "after");
                System.out.printf("acks=all writes to every partition went through %.1f s after node %d was killed%n",
                        (System.nanoTime() - killedAt) / 1e9, leader.id());
                for (TopicPartitionInfo partition : partitions(admin)) {
                    assertNotEquals(leader.id(), partition.leader().id(), "partition " + partition.partition() + " is led by a live node");
                }

                cluster.restart(leader.id());
                assertEquals(Set.of(1, 2, 3), brokerIds(admin), "the restarted node is a broker of the cluster again");
                writeToEveryPartition(producer, "restarted");
            }
        }
        ports.forEach(port -> assertFalse(FreePort.isListening("127.0.0.1", port), "close() stopped the node on port " + port));
    }

    /** The topic's setting, asked until the broker that answers has heard of the topic (created by the controller). */
    private static String minInSyncReplicas(Admin admin) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC))).all()
                        .get(30, TimeUnit.SECONDS).values().iterator().next().get("min.insync.replicas").value();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) throw e;
                Thread.sleep(100);
            }
        }
    }

    private static void writeToEveryPartition(KafkaProducer<String, String> producer, String round) throws Exception {
        List<Future<?>> writes = new ArrayList<>();
        for (int partition = 0; partition < 6; partition++) {
            for (int i = 0; i < 10; i++) writes.add(producer.send(new ProducerRecord<>(TOPIC, partition, round, round + "-" + i)));
        }
        for (Future<?> write : writes) write.get(60, TimeUnit.SECONDS);
    }

    private static List<TopicPartitionInfo> partitions(Admin admin) throws Exception {
        TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
        assertTrue(topic.partitions().stream().allMatch(partition -> partition.replicas().size() == 3), "three copies of every partition");
        return topic.partitions();
    }

    private static Set<Integer> brokerIds(Admin admin) throws Exception {
        return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet());
    }

    private static Admin admin(LocalKafkaCluster cluster) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap()));
    }

    private static KafkaProducer<String, String> producer(LocalKafkaCluster cluster) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
                new StringSerializer(), new StringSerializer());
    }
}
