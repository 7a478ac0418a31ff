package dev.ticketrush.cli;

import dev.ticketrush.cli.chaos.ChaosStep;
import dev.ticketrush.cli.report.RushSummary;
import dev.ticketrush.cli.report.SummaryTable;
import dev.ticketrush.cli.swarm.Arrival;
import dev.ticketrush.cli.swarm.RushPlan;
import dev.ticketrush.cli.swarm.SeatPattern;
import dev.ticketrush.cli.swarm.Strategy;
import dev.ticketrush.cli.swarm.RushResult;
import dev.ticketrush.cli.swarm.RushStop;
import dev.ticketrush.cli.swarm.Swarm;
import dev.ticketrush.cli.report.Threshold;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "rush", mixinStandardHelpOptions = true,
        description = {"Fire a swarm of simulated buyers at running servers, then prove the result.",
                "Each buyer is a user created through the API, admitted through the server (or earning admission in the waiting room",
                "with --via-queue), reserving over HTTP with its User-Id. Ends with a summary and an independent check: the seat audit",
                "and every buyer's reservations read back. Exit 0 only if the check passes, every buyer is accounted for",
                "(sold, without a seat, or errored) and nothing but 200/409/403 came back; under --chaos, errors are expected and",
                "the check and the accounting alone decide; exit 3 when only a --threshold failed; Ctrl-C stops arrivals, waits",
                "briefly for requests in flight, prints the partial summary and the check, and exits 130."})
final class RushCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOutput json;

    @ArgGroup(multiplicity = "1")
    SaleTarget target;

    @Option(names = "--users", description = "Number of buyers (default: 100; with stages or --duration the arrival decides it).")
    Integer users;

    @Option(names = "--strategy", defaultValue = "optimistic", converter = StrategyName.class,
            description = "optimistic, pessimistic, distributed, or through Kafka: async-optimistic, async-pessimistic (default: ${DEFAULT-VALUE}).")
    Strategy strategy;

    @Option(names = "--pattern", defaultValue = "hot", converter = PatternName.class,
            description = "hot: everyone wants the first few seats; spread: each buyer a different seat; random: uniform (default: ${DEFAULT-VALUE}).")
    SeatPattern pattern;

    @Option(names = "--arrival", defaultValue = "burst",
            description = {"burst (all at once), ramp:RATE/s (steady, e.g. ramp:500/s), or stages as k6's ramping-arrival-rate,",
                    "e.g. stages:0/s..500/s@10s,500/s@30s: from 0 to 500 buyers/s over 10 s, then 500/s for 30 s (default: ${DEFAULT-VALUE})."})
    String arrival;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "With --arrival ramp:RATE/s: keep buyers arriving at that rate for this long, e.g. 30s or 2m (buyers = RATE x DURATION).")
    String duration;

    @Option(names = "--threshold", paramLabel = "METRIC<OP>VALUE",
            description = {"A pass/fail condition, as in k6 (repeatable): p99<300ms, errors==0, sold==seats. Metrics: p50 p90 p99 max",
                    "duration queue_p99 (ms, or say ms/s), rps requests succeeded refused errors buyers sold without_seat errored seats",
                    "oversold violations; VALUE is a number or another metric. A failed one is named in the summary and exits 3."})
    List<String> thresholds = List.of();

    @Mixin
    RushFiles files;

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

    @Option(names = "--max-streams", paramLabel = "N",
            description = {"With --via-queue: waiting buyers holding their SSE stream at once; the others join and take a stream in line order as one frees",
                    "(each stream is an open file; default: half this process's open-file limit, at most 10000)."})
    Integer maxStreams;

    @Option(names = "--admit-rate", paramLabel = "N/s", description = "With --via-queue: set the concert's admission rate first, e.g. 500/s.")
    String admitRate;

    @Option(names = "--redis", paramLabel = "URL",
            description = {"Admit buyers by writing active-user:{id} keys into this Redis, as the original service's scripts did.",
                    "Only for a server without POST /api/admin/admissions; server-lite admits through its API, into its own Redis."})
    String redisUrl;

    @Option(names = "--chaos", paramLabel = "FAULT@WHEN[+OUTAGE]", split = ",",
            description = {"Rehearse a failure mid-rush (repeatable): kill-instance@30%% halts the last --server instance (started with",
                    "--allow-faults) once 30%% of the buyers are done; postgres, redis or kafka@30%%+5s takes that service away for 5 s",
                    "through the stack's fault control (--faults). WHEN is a share of buyers done (30%%) or seconds after the start (10s)."})
    List<String> chaos = List.of();

    @Option(names = "--faults", paramLabel = "URL", defaultValue = "${env:TICKETRUSH_FAULTS_URL}",
            description = "The fault control that 'ticket-rush stack --faults' or 'server --embedded --allow-faults' prints (env TICKETRUSH_FAULTS_URL).")
    String faultsUrl;

    @Option(names = "--quiet", description = "No live line on stderr (by default one a second, on a terminal or not, even with --json).")
    boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        RushPlan plan;
        List<Threshold> limits;
        try {
            Arrival arrivals = duration == null ? Arrival.parse(arrival) : Arrival.parse(arrival).lasting(duration(duration));
            if (arrivals.buyers().isPresent() && users != null) {
                throw new IllegalArgumentException("--users and " + (duration != null ? "--duration" : "stages") + " both say how many buyers arrive; give one");
            }
            plan = RushPlan.builder().servers(client.servers()).concert(target.concertId).option(target.optionId)
                    .users(arrivals.buyers().orElse(users == null ? 100 : users))
                    .strategy(strategy).pattern(pattern).arrival(arrivals).attempts(attempts).concurrency(concurrency).seed(seed)
                    .progress(!quiet)
                    .throughWaitingRoom(viaQueue ? new RushPlan.QueueRoute(queueCapacity, admitRate == null ? null : rate(admitRate),
                            maxStreams == null ? RushPlan.QueueRoute.defaultMaxStreams() : maxStreams) : null)
                    .admitThroughRedis(redisUrl).adminToken(client.adminToken())
                    .chaos(chaos.stream().map(ChaosStep::parse).toList()).faultsUrl(faultsUrl).build();
            limits = thresholds.stream().map(Threshold::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, e.getMessage());
        }
        files.requireFolders();
        if (!quiet) System.err.println("rush: seed " + plan.seed() + " (repeat this rush with --seed " + plan.seed() + ")");
        RushStop stop = new RushStop();
        RushResult rush;
        try (CtrlC ctrlC = new CtrlC(stop, () -> System.err.println("\nrush: stopping (Ctrl-C): no more arrivals; requests in flight get 3 s; Ctrl-C again quits at once"))) {
            rush = new Swarm(System.err, stop).runWithTimeline(plan);
        }
        RushSummary summary = rush.summary().withThresholds(limits.stream().map(limit -> limit.judge(rush.summary())).toList());
        RushResult judged = new RushResult(summary, rush.timeline());
        files.write(judged);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) JsonOutput.print(out, summary);
        else out.print(SummaryTable.render(summary));
        out.flush();
        return exitCode(summary);
    }

    /** The most serious finding decides: a stopped rush, then the check, then the thresholds. */
    private static int exitCode(RushSummary summary) {
        if (summary.interrupted()) return CtrlC.EXIT_CODE;
        if (!summary.clean()) return CliFailure.CHECK_FAILED;
        if (!summary.thresholdsMet()) return CliFailure.THRESHOLD_FAILED;
        return 0;
    }

    private static Duration duration(String text) {
        Matcher form = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?").matcher(text.strip());
        if (!form.matches()) throw new IllegalArgumentException("--duration must look like 30s, 2m or 500ms, got '" + text + "'");
        double amount = Double.parseDouble(form.group(1));
        long millis = Math.round(amount * switch (form.group(2) == null ? "s" : form.group(2)) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1_000;
        });
        return Duration.ofMillis(millis);
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
