package dev.ticketrush.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real single-node KRaft Kafka broker in a child JVM on free ports, logs in a temp folder. */
public final class LocalKafka implements AutoCloseable {

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(90);

    private final Process broker;
    private final int port;
    private final Path logFile;

    public LocalKafka(Path dataDir) {
        this.port = FreePort.pick();
        int controllerPort = FreePort.pick();
        this.logFile = dataDir.resolve("broker.log");
        try {
            Files.createDirectories(dataDir);
            Path properties = dataDir.resolve("server.properties");
            Files.writeString(properties, properties(port, controllerPort, dataDir.resolve("logs")));
            this.broker = new ProcessBuilder(command(properties))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka broker did not start: " + e.getMessage(), e);
        }
        awaitReady();
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    private static List<String> command(Path properties) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xms128m", "-Xmx768m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(), properties.toString(), Uuid.randomUuid().toString()));
        return command;
    }

    private static String properties(int port, int controllerPort, Path logDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=6",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "") ;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_LIMIT);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            while (Instant.now().isBefore(deadline)) {
                if (!broker.isAlive()) throw failed("exited with code " + broker.exitValue());
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) return;
                } catch (Exception notYet) {
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        broker.destroyForcibly();
        throw failed("was not ready within " + STARTUP_LIMIT.toSeconds() + " s");
    }

    private IllegalStateException failed(String why) {
        return new IllegalStateException("Kafka broker " + why + "; its log: " + logFile);
    }

    @Override
    public void close() throws InterruptedException {
        broker.destroy();
        if (!broker.waitFor(20, TimeUnit.SECONDS)) {
            broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
