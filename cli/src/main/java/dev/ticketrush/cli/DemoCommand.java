package dev.ticketrush.cli;

import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole story on one machine: start the embedded stack and a server, set up a concert, show where everything is.",
                "Services named by URL flags or TICKETRUSH_* variables are used instead of embedded ones."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions services;

    @Option(names = "--port", defaultValue = "0", description = "HTTP port of the demo server, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--seats", defaultValue = "100", description = "Seats of the demo concert (default: ${DEFAULT-VALUE}).")
    int seats;

    @Option(names = "--stay", description = "Keep the server running after the demo until Ctrl-C.")
    boolean stay;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        try (LocalServer server = new LocalServer(services, true, port, out)) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ticket-rush-demo-shutdown"));
            ApiClient api = new ApiClient(server.baseUrl());
            String date = LocalDateTime.now().plusDays(30).withHour(19).truncatedTo(ChronoUnit.HOURS) + ":00";
            Api.SetupResult concert = api.setup(new Api.Setup("Ticket-Rush Demo Night", "The Rushers", "Ticket-Rush", date, seats));
            int available = api.availableSeats(concert.optionId()).size();
            out.printf("Concert %d, option %d: %d of %d seats AVAILABLE (ready %.1f s after start)%n",
                    concert.concertId(), concert.optionId(), available, seats, (System.nanoTime() - started) / 1e9);
            out.printf("Try: ./ticket-rush concerts --server %s%n", server.baseUrl());
            out.flush();
            if (stay) {
                out.println("Serving until Ctrl-C.");
                out.flush();
                Thread.currentThread().join();
            }
        }
        return 0;
    }
}
