package dev.ticketrush.cli;

import dev.ticketrush.cli.chaos.ChaosStep;
import dev.ticketrush.cli.report.RushSummary;
import dev.ticketrush.cli.report.SummaryTable;
import dev.ticketrush.cli.swarm.Arrival;
import dev.ticketrush.cli.swarm.RushPlan;
import dev.ticketrush.cli.swarm.SeatPattern;
import dev.ticketrush.cli.swarm.Strategy;
import dev.ticketrush.cli.swarm.Swarm;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rush", mixinStandardHelpOptions = true,
        description = {"Fire a swarm of simulated buyers at running servers, then prove the result.",
                "Each buyer is a user created through the API, admitted through the server (or earning admission in the waiting room",
                "with --via-queue), reserving over HTTP with its User-Id. Ends with a summary and an independent check: the seat audit",
                "and every buyer's reservations read back. Exit 0 only if the check passes, every buyer is accounted for",
                "(sold, without a seat, or errored) and nothing but 200/409/403 came back; under --chaos, errors are expected and",
                "the check and the accounting alone decide."})
final class RushCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOutput json;

    @ArgGroup(multiplicity = "1")
    SaleTarget target;

    @Option(names = "--users", defaultValue = "100", description = "Number of buyers (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--strategy", defaultValue = "optimistic", converter = StrategyName.class,
            description = "optimistic, pessimistic, distributed, or through Kafka: async-optimistic, async-pessimistic (default: ${DEFAULT-VALUE}).")
    Strategy strategy;

    @Option(names = "--pattern", defaultValue = "hot", converter = PatternName.class,
            description = "hot: everyone wants the first few seats; spread: each buyer a different seat; random: uniform (default: ${DEFAULT-VALUE}).")
    SeatPattern pattern;

    @Option(names = "--arrival", defaultValue = "burst", description = "burst (all at once) or ramp:RATE/s, e.g. ramp:500/s (default: ${DEFAULT-VALUE}).")
    String arrival;

    @Option(names = "--attempts", defaultValue = "5", description = "Tries per buyer: a refused buyer goes for another seat not known taken (default: ${DEFAULT-VALUE}).")
    int attempts;

    @Option(names = "--concurrency", defaultValue = "64", description = "Requests in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seed", description = "Seed of the seat choices and buyer names; the summary prints it, so any rush can be repeated (default: random).")
    Long seed;

    @Option(names = "--via-queue", description = "Buyers earn admission in the waiting room (join, hold the SSE stream until ACTIVE) instead of being admitted first.")
    boolean viaQueue;

    @Option(names = "--queue-capacity", description = "With --via-queue: set the concert's waiting-room capacity first (admin endpoint).")
    Integer queueCapacity;

    @Option(names = "--admit-rate", paramLabel = "N/s", description = "With --via-queue: set the concert's admission rate first, e.g. 500/s.")
    String admitRate;

    @Option(names = "--redis", paramLabel = "URL",
            description = {"Admit buyers by writing active-user:{id} keys into this Redis, as the original service's scripts did.",
                    "Only for a server without POST /api/admin/admissions; server-lite admits through its API, into its own Redis."})
    String redisUrl;

    @Option(names = "--chaos", paramLabel = "FAULT@WHEN[+OUTAGE]", split = ",",
            description = {"Rehearse a failure mid-rush (repeatable): kill-instance@30% halts the last --server instance (started with",
                    "--allow-faults) once 30% of the buyers are done; postgres, redis or kafka@30%+5s takes that service away for 5 s",
                    "through the stack's fault control (--faults). WHEN is a share of buyers done (30%) or seconds after the start (10s)."})
    List<String> chaos = List.of();

    @Option(names = "--faults", paramLabel = "URL", defaultValue = "${env:TICKETRUSH_FAULTS_URL}",
            description = "The fault control that 'ticket-rush stack --faults' or 'server --embedded --allow-faults' prints (env TICKETRUSH_FAULTS_URL).")
    String faultsUrl;

    @Option(names = "--quiet", description = "No live progress line on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        RushPlan plan;
        try {
            plan = RushPlan.builder().servers(client.servers()).concert(target.concertId).option(target.optionId).users(users)
                    .strategy(strategy).pattern(pattern).arrival(Arrival.parse(arrival)).attempts(attempts).concurrency(concurrency).seed(seed)
                    .progress(!quiet && !json.enabled())
                    .throughWaitingRoom(viaQueue ? new RushPlan.QueueRoute(queueCapacity, admitRate == null ? null : rate(admitRate)) : null)
                    .admitThroughRedis(redisUrl).adminToken(client.adminToken())
                    .chaos(chaos.stream().map(ChaosStep::parse).toList()).faultsUrl(faultsUrl).build();
        } catch (IllegalArgumentException e) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, e.getMessage());
        }
        if (!quiet && !json.enabled()) System.err.println("rush: seed " + plan.seed() + " (repeat this rush with --seed " + plan.seed() + ")");
        RushSummary summary = new Swarm(System.err).run(plan);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) JsonOutput.print(out, summary);
        else out.print(SummaryTable.render(summary));
        out.flush();
        return summary.clean() ? 0 : CliFailure.CHECK_FAILED;
    }

    private static double rate(String text) {
        try {
            double rate = Double.parseDouble(text.endsWith("/s") ? text.substring(0, text.length() - 2) : text);
            if (rate > 0) return rate;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--admit-rate must look like 500/s, got '" + text + "'");
    }

    /** Reads strategy names in lower case. */
    static final class StrategyName implements CommandLine.ITypeConverter<Strategy> {
        @Override
        public Strategy convert(String value) {
            return lowerCaseName(Strategy.class, value);
        }
    }

    /** Reads pattern names in lower case. */
    static final class PatternName implements CommandLine.ITypeConverter<SeatPattern> {
        @Override
        public SeatPattern convert(String value) {
            return lowerCaseName(SeatPattern.class, value);
        }
    }

    private static <E extends Enum<E>> E lowerCaseName(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip().replace('-', '_'))) return constant;
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase().replace('_', '-')).toList());
    }
}
