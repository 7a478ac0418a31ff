package dev.ticketrush.cli;

import dev.ticketrush.cli.chaos.FaultControl;
import dev.ticketrush.embedded.EmbeddedStack;
import dev.ticketrush.embedded.StackFaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {"Run embedded PostgreSQL, Redis and Kafka on their own, for servers started elsewhere, until Ctrl-C.",
                "Prints 'postgres JDBC_URL', 'redis URL' and 'kafka HOST:PORT,...' lines, then",
                "'export TICKETRUSH_...=' lines that point 'ticket-rush server' at them.",
                "No server owns these services, so a server that dies takes none of them along;",
                "with --kafka-brokers 3 the async queue even survives the loss of one broker.",
                "Ctrl-C stops every service and removes its data."})
final class StackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kafka-brokers", defaultValue = "1", paramLabel = "1|3",
            description = "Kafka brokers to start: 1, or 3 for a cluster whose topics keep three copies and survive the loss of one broker (default: ${DEFAULT-VALUE}).")
    int kafkaBrokers;

    @Option(names = "--faults",
            description = {"Reach PostgreSQL and Redis through relays that can be cut, and serve a fault control on loopback that takes a",
                    "service away for a while (prints 'faults URL' and TICKETRUSH_FAULTS_URL, for 'rush --chaos')."})
    boolean faults;

    @Override
    public Integer call() throws InterruptedException {
        if (kafkaBrokers != 1 && kafkaBrokers != 3) {
            throw new ParameterException(spec.commandLine(), "--kafka-brokers must be 1 or 3, got " + kafkaBrokers);
        }
        long started = System.nanoTime();
        EmbeddedStack stack;
        try {
            stack = new EmbeddedStack(null, null, null, kafkaBrokers);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "the stack did not start: " + why);
        }
        StackFaults relays = faults ? new StackFaults(stack) : null;
        FaultControl control = relays == null ? null : new FaultControl(relays);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (control != null) control.close();
            if (relays != null) relays.close();
            stack.close();
            stopped.countDown();
        }, "ticket-rush-stack-shutdown"));
        print(relays == null ? stack.endpoints() : relays.endpoints(), control == null ? null : control.url());
        PrintWriter err = spec.commandLine().getErr();
        err.printf("Stack ready in %.1f s; Ctrl-C stops every service and removes its data.%n", (System.nanoTime() - started) / 1e9);
        err.flush();
        stopped.await();
        return 0;
    }

    /** Stable lines for scripts: read the service lines, or eval the export lines. */
    private void print(EmbeddedStack.Endpoints at, String faultsUrl) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("postgres " + at.dbUrl());
        out.println("redis " + at.redisUrl());
        out.println("kafka " + at.kafkaBootstrap());
        if (faultsUrl != null) out.println("faults " + faultsUrl);
        out.println(export("TICKETRUSH_DB_URL", at.dbUrl()));
        out.println(export("TICKETRUSH_REDIS_URL", at.redisUrl()));
        if (faultsUrl != null) out.println(export("TICKETRUSH_FAULTS_URL", faultsUrl));
        // last, so a script that waits for this line has them all
        out.println(export("TICKETRUSH_KAFKA_BOOTSTRAP", at.kafkaBootstrap()));
        out.flush();
    }

    /** Quoted, as a JDBC URL's '?' would otherwise be a shell glob. */
    private static String export(String variable, String value) {
        return "export " + variable + "='" + value.replace("'", "'\\''") + "'";
    }
}
