package dev.ticketrush.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One KRaft node of a {@link LocalKafkaCluster} in a child JVM ({@link KafkaBrokerMain}). Its ports, properties and
 * data folder are fixed when it is made, so a node that was killed starts again as the same member of the cluster.
 */
final class KafkaNode {

    private final LocalKafkaCluster.NodeAddress address;
    private final List<String> command;
    private final Path logFile;
    private Process process;

    KafkaNode(LocalKafkaCluster.NodeAddress address, Path dir, String properties, String clusterId, String maxHeap) {
        this.address = address;
        this.logFile = dir.resolve("broker.log");
        try {
            Files.createDirectories(dir);
            Path propertiesFile = dir.resolve("server.properties");
            Files.writeString(propertiesFile, properties);
            String classPath = System.getProperty("java.class.path");
            this.command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xms128m", "-Xmx" + maxHeap, "-XX:+UseSerialGC",
                    // class data sharing: later brokers of the same class path map the classes the first one loaded
                    "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + classDataArchive(classPath, address.id()), "-Xlog:cds*=off",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp", classPath,
                    KafkaBrokerMain.class.getName(), propertiesFile.toString(), clusterId);
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka node " + address.id() + " could not be prepared: " + e.getMessage(), e);
        }
    }

    /**
     * One archive per class path and node id: the brokers of a cluster stop together, and each writes its own. The JVM
     * does not renew the archive of a rebuilt jar (it runs on without one, every time), so one older than a jar of the
     * class path is removed and the next broker writes a new one.
     */
    private static Path classDataArchive(String classPath, int nodeId) {
        Path archive = Path.of(System.getProperty("java.io.tmpdir"), "ticket-rush-kafka-" + Integer.toHexString(classPath.hashCode()) + "-" + nodeId + ".jsa");
        long written = archive.toFile().lastModified();
        if (written > 0 && Arrays.stream(classPath.split(File.pathSeparator)).anyMatch(entry -> new File(entry).lastModified() > written)) {
            archive.toFile().delete();
        }
        return archive;
    }

    LocalKafkaCluster.NodeAddress address() {
        return address;
    }

    /** Starts the node's JVM; a node started again appends to the same log and keeps its data. */
    synchronized void start() {
        if (process != null && process.isAlive()) throw new IllegalStateException("Kafka node " + address.id() + " is running");
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka node " + address.id() + " did not start: " + e.getMessage(), e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Why a node that should be running is not. */
    synchronized String exitDescription() {
        return process == null ? "was never started" : "exited with code " + process.exitValue();
    }

    Path logFile() {
        return logFile;
    }

    /** SIGKILL, as a crash would: no controlled shutdown, the rest of the cluster finds out by itself. */
    synchronized void kill() {
        if (process == null) return;
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the node to shut down (SIGTERM); one still running after the limit, or when interrupted, is killed. */
    synchronized void stop(Duration limit) {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
