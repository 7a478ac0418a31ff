package dev.ticketrush.embedded;

import java.io.PrintStream;
import java.io.OutputStream;

/**
 * Entry point of the child JVM that runs one KRaft node (broker and controller) of a local cluster: formats the log folder,
 * then runs Kafka's own server main. Exits when the JVM that started it dies, so a killed
 * parent never leaves a broker behind.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        String properties = args[0];
        String clusterId = args[1];
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
        int formatted = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", properties, "--ignore-formatted"},
                new PrintStream(OutputStream.nullOutputStream()));
        if (formatted != 0) {
            System.err.println("kafka storage format failed with code " + formatted);
            System.exit(formatted);
        }
        kafka.Kafka.main(new String[] {properties});
    }
}
