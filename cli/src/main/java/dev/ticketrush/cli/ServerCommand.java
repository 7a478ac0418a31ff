package dev.ticketrush.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Start server-lite and serve until Ctrl-C.",
                "Without --embedded it uses the services named by the URLs, else the machine's own on their default ports."})
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions services;

    @Option(names = "--port", defaultValue = "${env:TICKETRUSH_PORT:-8080}", description = "HTTP port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--embedded", description = "Start PostgreSQL, Redis and a Kafka broker in-process or as child processes for every service no URL names.")
    boolean embedded;

    @Override
    public Integer call() throws InterruptedException {
        LocalServer server = new LocalServer(services, embedded, port, spec.commandLine().getOut());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "ticket-rush-shutdown"));
        spec.commandLine().getOut().println("Press Ctrl-C to stop.");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
