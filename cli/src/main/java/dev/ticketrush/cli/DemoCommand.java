package dev.ticketrush.cli;

import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.report.RushSummary;
import dev.ticketrush.cli.report.SummaryTable;
import dev.ticketrush.cli.swarm.Arrival;
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
        description = {"The whole story on one machine: start the embedded stack and a server, rush a hot concert once per",
                "lock strategy, then run a flash sale through the waiting room with live counts, and print the four verified",
                "summaries side by side.",
                "Services named by URL flags or TICKETRUSH_* variables are used instead of embedded ones."})
final class DemoCommand implements Callable<Integer> {

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

    private static final int ADMIT_RATE = 200;

    @Option(names = "--stay", description = "Keep the server running after the demo until Ctrl-C.")
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
                Api.SetupResult concert = api.setup(new Api.Setup("Demo Night (" + strategy.label() + ")", "The Rushers", "Ticket-Rush", concertDate(), seats));
                RushPlan plan = new RushPlan(List.of(server.baseUrl()), server.redisUrl(), concert.concertId(), null, users, strategy,
                        SeatPattern.HOT, Arrival.parse("burst"), 5, 64, 42, false, null);
                summaries.add(new Swarm(System.err).run(plan));
            }
            summaries.add(queuedRush(api, server, out));
            out.println();
            out.print(SummaryTable.sideBySide(summaries));
            boolean clean = summaries.stream().allMatch(RushSummary::clean);
            out.printf("%nEvery seat sold once under every strategy: %s. Whole demo took %.1f s.%n",
                    clean ? "yes, verified independently" : "NO, see the violations above", (System.nanoTime() - started) / 1e9);
            out.printf("Try: ./ticket-rush concerts --server %s%n", server.baseUrl());
            out.flush();
            if (stay) {
                out.println("Serving until Ctrl-C.");
                out.flush();
                Thread.currentThread().join();
            }
            return clean ? 0 : CliFailure.CHECK_FAILED;
        }
    }

    /** The flash sale: buyers earn admission in the waiting room, with live counts while it runs. */
    private RushSummary queuedRush(ApiClient api, LocalServer server, PrintWriter out) throws InterruptedException {
        Api.SetupResult concert = api.setup(new Api.Setup("Demo Flash Sale (queue)", "The Rushers", "Ticket-Rush", concertDate(), seats));
        out.printf("Flash sale through the waiting room: %d buyers, capacity %d, admitted at %d/s...%n", users, users, ADMIT_RATE);
        out.flush();
        RushPlan plan = new RushPlan(List.of(server.baseUrl()), server.redisUrl(), concert.concertId(), null, users, Strategy.OPTIMISTIC,
                SeatPattern.RANDOM, Arrival.parse("burst"), 5, 64, 42, false, new RushPlan.QueueRoute(users, (double) ADMIT_RATE));
        var rush = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new Swarm(System.err).run(plan);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
        while (!rush.isDone()) {
            Thread.sleep(1_000);
            try {
                var room = api.waitingRoomOverview(concert.concertId());
                out.printf("  waiting %5d   admitted %5d   seats left %4d%n", room.path("waiting").asLong(), room.path("active").asLong(),
                        api.availableSeats(concert.optionId()).size());
                out.flush();
            } catch (CliFailure notYet) {
                // the room has no overview until the first join
            }
        }
        return rush.join();
    }

    private static String concertDate() {
        return LocalDateTime.now().plusDays(30).withHour(19).truncatedTo(ChronoUnit.HOURS) + ":00";
    }
}
