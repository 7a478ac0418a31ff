package dev.ticketrush.cli;

import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.report.RushSummary;
import dev.ticketrush.cli.report.SummaryTable;
import dev.ticketrush.cli.swarm.RushPlan;
import dev.ticketrush.cli.swarm.SeatPattern;
import dev.ticketrush.cli.swarm.Strategy;
import dev.ticketrush.cli.swarm.Swarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole story on one machine, verified: four rushes on an embedded stack, side by side.",
                "Starts the embedded stack and a server, rushes a hot concert once per lock strategy, then runs a flash sale through",
                "the waiting room, each with a live line, and prints the four verified summaries side by side.",
                "Services named by URL flags or TICKETRUSH_* variables are used instead of embedded ones."})
final class DemoCommand implements Callable<Integer> {

    /** The demo tells the same story every time. */
    private static final long SEED = 42;
    private static final int ADMIT_RATE = 200;

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions services;

    @Option(names = "--port", defaultValue = "0", description = "HTTP port of the demo server, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--seats", defaultValue = "100", description = "Seats of each demo concert (default: ${DEFAULT-VALUE}).")
    int seats;

    @Option(names = "--users", defaultValue = "1000", description = "Buyers in each rush (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--stay", description = "Keep the server running after the demo, for your own commands, until Ctrl-C.")
    boolean stay;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        try (LocalServer server = new LocalServer(services, true, port, out)) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ticket-rush-demo-shutdown"));
            ApiClient api = new ApiClient(server.baseUrl());
            out.printf("Ready %.1f s after start. Hot rushes of %d buyers for %d seats, one per lock strategy...%n",
                    (System.nanoTime() - started) / 1e9, users, seats);
            out.flush();
            List<RushSummary> summaries = new ArrayList<>();
            for (Strategy strategy : List.of(Strategy.OPTIMISTIC, Strategy.PESSIMISTIC, Strategy.DISTRIBUTED)) {
                long concert = api.setup(new Api.Setup("Demo Night (" + strategy.label() + ")", "The Rushers", "Ticket-Rush", concertDate(), seats)).concertId();
                summaries.add(rush(RushPlan.builder().servers(List.of(server.baseUrl())).concert(concert).strategy(strategy)));
            }
            long flashSale = api.setup(new Api.Setup("Demo Flash Sale (queue)", "The Rushers", "Ticket-Rush", concertDate(), seats)).concertId();
            out.printf("Flash sale through the waiting room: %d buyers, capacity %d, admitted at %d/s...%n", users, users, ADMIT_RATE);
            out.flush();
            summaries.add(rush(RushPlan.builder().servers(List.of(server.baseUrl())).concert(flashSale).pattern(SeatPattern.RANDOM)
                    .throughWaitingRoom(new RushPlan.QueueRoute(users, (double) ADMIT_RATE, RushPlan.QueueRoute.defaultMaxStreams()))));
            out.println();
            out.print(SummaryTable.sideBySide(summaries));
            boolean clean = summaries.stream().allMatch(RushSummary::clean);
            out.printf("%nEvery seat sold once under every strategy: %s. Whole demo took %.1f s.%n",
                    clean ? "yes, verified independently" : "NO, see the violations above", (System.nanoTime() - started) / 1e9);
            if (stay) {
                out.printf("Serving on %s until Ctrl-C; try: ./ticket-rush concerts --server %s%n", server.baseUrl(), server.baseUrl());
                out.flush();
                Thread.currentThread().join();
            }
            out.println("The demo's server has stopped; run 'ticket-rush demo --stay' to keep it up for your own commands.");
            out.flush();
            return clean ? 0 : CliFailure.CHECK_FAILED;
        }
    }

    private RushSummary rush(RushPlan.Builder plan) throws InterruptedException {
        return new Swarm(System.err).run(plan.users(users).seed(SEED).progress(true).build());
    }

    private static String concertDate() {
        return LocalDateTime.now().plusDays(30).withHour(19).truncatedTo(ChronoUnit.HOURS) + ":00";
    }
}
