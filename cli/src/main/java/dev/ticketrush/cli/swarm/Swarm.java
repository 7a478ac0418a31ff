package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.CliFailure;
import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.api.ApiError;
import dev.ticketrush.cli.chaos.Rehearsal;
import dev.ticketrush.cli.check.SaleAudit;
import dev.ticketrush.cli.report.RushSummary;
import dev.ticketrush.cli.report.TimelineSecond;

import java.io.IOException;
import java.net.ConnectException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A swarm of buyers on virtual threads against running servers, then the independent check. Every buyer ends as
 * exactly one {@link BuyerOutcome}; an answer lost on the way is settled from the server's own record afterwards,
 * reading through whichever instance still answers.
 */
public final class Swarm {

    /** Tries at creating one buyer while the server answers 503. */
    private static final int SETUP_TRIES = 5;
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
    /** How long a buyer keeps coming back to 503s before giving up, as a fan at a sale would. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** How long requests already sent may take to come back once the rush is stopped. */
    private static final Duration GRACE = Duration.ofSeconds(3);

    private final PrintStream progressOut;
    private final RushStop stop;

    public Swarm(PrintStream progressOut) {
        this(progressOut, new RushStop());
    }

    /** A swarm that {@code stop} can end early (Ctrl-C), with a partial summary. */
    public Swarm(PrintStream progressOut, RushStop stop) {
        this.progressOut = progressOut;
        this.stop = stop;
    }

    public RushSummary run(RushPlan plan) throws InterruptedException {
        return runWithTimeline(plan).summary();
    }

    /** The rush, its summary and its timeline, one row per second. */
    public RushResult runWithTimeline(RushPlan plan) throws InterruptedException {
        Servers servers = new Servers(plan.servers(), plan.adminToken());
        long optionId = plan.optionId() != null ? plan.optionId() : firstOption(servers.first(), plan.concertId());
        long[] seats = servers.first().availableSeats(optionId).stream().mapToLong(Api.Seat::id).toArray();
        if (seats.length == 0) throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "option " + optionId + " has no AVAILABLE seats to rush");
        Rehearsal rehearsal = new Rehearsal(plan.chaos(), servers.all(), plan.faultsUrl());
        rehearsal.preflight();
        Semaphore slots = new Semaphore(plan.concurrency());
        long[] buyers = createBuyers(servers, plan, slots);
        Map<Long, String> tokens = new ConcurrentHashMap<>();
        if (plan.queue() != null) configureRoom(servers.first(), plan.concertId(), plan.queue());
        else tokens.putAll((plan.redisUrl() != null ? new RedisAdmission(plan.redisUrl()) : Admission.throughServer(servers.first()))
                .admit(buyers, plan.concertId() != null ? plan.concertId() : concertOf(servers.first(), optionId)));

        Tally tally = new Tally();
        HttpClient streams = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        Buyer buyer = new Buyer(plan, seats, servers, slots, tally, new QueueEntry(streams, tally.rejectedJoins, slots,
                new Semaphore(plan.queue() == null ? 1 : plan.queue().maxStreams(), true)), new AsyncSale(streams), tokens, stop);
        long started = System.nanoTime();
        Pulse pulse = new Pulse(tally, plan.users(), plan.queue() == null ? null : () -> queueDepth(servers, plan.concertId()),
                plan.progress() ? progressOut : null, started).start();
        rehearsal.start(tally.buyersDone::get, plan.users(), started);
        List<BuyerRun> runs;
        List<RushSummary.Fault> struck;
        List<TimelineSecond> timeline;
        try {
            runs = runAll(buyers, index -> buyer.run(index, buyers[index], started));
        } finally {
            struck = rehearsal.stop();
            timeline = pulse.stop();
        }
        long durationNanos = System.nanoTime() - started;
        RushSummary summary = new Reckoning(servers, optionId, seats.length, plan, tally, stop.requested()).summarize(runs, durationNanos, struck);
        return new RushResult(summary, timeline);
    }

    /**
     * Every buyer's run, in order; a buyer whose task broke counts as errored, never as missing. Once the rush is stopped,
     * buyers still busy get {@link #GRACE}, then are interrupted.
     */
    private List<BuyerRun> runAll(long[] buyers, IntFunction<BuyerRun> body) throws InterruptedException {
        List<Future<BuyerRun>> futures = new ArrayList<>(buyers.length);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < buyers.length; i++) {
            int index = i;
            futures.add(executor.submit(() -> body.apply(index)));
        }
        executor.shutdown();
        while (!executor.awaitTermination(100, TimeUnit.MILLISECONDS)) {
            if (stop.requested()) {
                if (!executor.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) executor.shutdownNow();
                executor.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                break;
            }
        }
        List<BuyerRun> runs = new ArrayList<>(buyers.length);
        for (int i = 0; i < futures.size(); i++) {
            Future<BuyerRun> future = futures.get(i);
            try {
                runs.add(future.isDone() ? future.get() : new BuyerRun(i, buyers[i], List.of(), BuyerRun.CUT_SHORT));
            } catch (ExecutionException e) {
                runs.add(new BuyerRun(i, buyers[i], List.of(), "buyer failed: " + e.getCause()));
            }
        }
        return runs;
    }

    /** Buyers waiting in the room now, as the server counts them; -1 when no instance answers. */
    private static long queueDepth(Servers servers, long concertId) {
        try {
            return servers.anyLive(0, server -> server.waitingRoomOverview(concertId)).path("waiting").asLong(-1);
        } catch (CliFailure noOverview) {
            return -1;
        }
    }

    /** The concert an option belongs to, for admissions signed per concert. */
    private static long concertOf(ApiClient api, long optionId) {
        for (Api.Concert concert : api.concerts()) {
            if (api.options(concert.id()).stream().anyMatch(option -> option.id() == optionId)) return concert.id();
        }
        throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "option " + optionId + " belongs to no concert");
    }

    private static long firstOption(ApiClient api, long concertId) {
        List<Api.Option> options = api.options(concertId);
        if (options.isEmpty()) throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "concert " + concertId + " has no options");
        return options.getFirst().id();
    }

    /** Sets the room's capacity and rate, as the plan asks, before anyone joins. */
    private static void configureRoom(ApiClient api, long concertId, RushPlan.QueueRoute route) {
        var current = api.waitingRoomSettings(concertId);
        int capacity = route.capacity() != null ? route.capacity() : current.path("capacity").asInt();
        int count = current.path("admitCount").asInt();
        long interval = current.path("admitIntervalMs").asLong();
        if (route.admitPerSecond() != null) {
            // batches every 100 ms keep a high rate smooth; a low rate admits one at a time
            interval = route.admitPerSecond() >= 10 ? 100 : Math.round(1000 / route.admitPerSecond());
            count = (int) Math.max(1, Math.round(route.admitPerSecond() * interval / 1000));
        }
        api.configureWaitingRoom(concertId, capacity, count, interval);
    }

    private static long[] createBuyers(Servers servers, RushPlan plan, Semaphore slots) throws InterruptedException {
        return inParallel(plan.users(), slots, i -> createBuyer(servers.of(i), "rush-" + plan.seed() + "-" + i))
                .stream().mapToLong(Long::longValue).toArray();
    }

    /** A busy server answers 503 before it writes anything: setting up the rush waits and asks again, a few times. */
    private static long createBuyer(ApiClient api, String username) {
        for (int attempt = 1; ; attempt++) {
            try {
                return api.createUser(username).id();
            } catch (ApiError e) {
                if (e.status() != 503 || attempt == SETUP_TRIES) throw e;
                sleepBeforeRetry(attempt);
            }
        }
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(500L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the rush", e);
        }
    }

    /** Runs n calls on virtual threads, at most as many at once as the slots allow, and answers their results in order. */
    static <T> List<T> inParallel(int n, Semaphore slots, IntFunction<T> call) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>(n);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    slots.acquire();
                    try {
                        return call.apply(index);
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        List<T> results = new ArrayList<>(n);
        for (var future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            }
        }
        return results;
    }

    /** One buyer's way: arrive, earn or hold admission, then up to {@code attempts} tries at seats not known taken. */
    private record Buyer(RushPlan plan, long[] seats, Servers servers, Semaphore slots, Tally tally, QueueEntry entry, AsyncSale async,
                         Map<Long, String> tokens, RushStop stop, Set<Long> seenTaken) {

        Buyer(RushPlan plan, long[] seats, Servers servers, Semaphore slots, Tally tally, QueueEntry entry, AsyncSale async, Map<Long, String> tokens,
              RushStop stop) {
            this(plan, seats, servers, slots, tally, entry, async, tokens, stop, ConcurrentHashMap.newKeySet());
        }

        BuyerRun run(int index, long userId, long started) {
            List<Attempt> attempts = new ArrayList<>();
            try {
                if (!stop.sleepUntil(started + plan.arrival().delayOf(index).toNanos())) return new BuyerRun(index, userId, attempts, BuyerRun.NOT_ARRIVED);
                ApiClient server = servers.of(index);
                if (plan.queue() != null && !admitted(server, userId)) {
                    return new BuyerRun(index, userId, attempts, stop.requested() ? BuyerRun.CUT_SHORT : "never admitted within 15 min");
                }
                SplittableRandom random = new SplittableRandom(plan.seed() * 1_000_003L + index);
                long patience = 0;
                for (int attempt = 0; attempt < plan.attempts() && !stop.requested(); attempt++) {
                    long seat = plan.pattern().pick(index, seats, seenTaken, random);
                    if (seat == SeatPattern.NONE) break;
                    Attempt result = reserveAnywhere(index, userId, seat);
                    attempts.add(result);
                    if (result instanceof Attempt.Refused) seenTaken.add(seat);
                    if (result instanceof Attempt.Sold) seenTaken.add(seat);
                    if (result instanceof Attempt.Unavailable later) {
                        // a 503 asks the buyer to come back, which costs patience, not one of the tries at a seat
                        if (patience == 0) patience = System.nanoTime() + PATIENCE.toNanos();
                        if (System.nanoTime() > patience) return new BuyerRun(index, userId, attempts, "gave up after 503s for " + PATIENCE.toSeconds() + " s");
                        Thread.sleep(later.retryAfter());
                        attempt--;
                    } else if (!(result instanceof Attempt.Refused || result instanceof Attempt.Failed)) break;
                }
                boolean cutShort = stop.requested() && attempts.stream().noneMatch(a -> a instanceof Attempt.Sold);
                return new BuyerRun(index, userId, attempts, cutShort ? BuyerRun.CUT_SHORT : null);
            } catch (CliFailure failure) {
                return new BuyerRun(index, userId, attempts, failure.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new BuyerRun(index, userId, attempts, stop.requested() ? BuyerRun.CUT_SHORT : "interrupted");
            } finally {
                tally.buyersDone.incrementAndGet();
            }
        }

        private boolean admitted(ApiClient server, long userId) throws InterruptedException {
            long joined = System.nanoTime();
            String token = entry.awaitAdmission(server, userId, plan.concertId());
            if (token == null) return false;
            if (!token.isEmpty()) tokens.put(userId, token);
            tally.admittedAt(joined);
            return true;
        }

        /**
         * Sends the request to the buyer's instance, or on to the next live one while instances refuse the connection.
         * The route is chosen once the slot is had, so an instance found down while the buyer waited is skipped.
         */
        private Attempt reserveAnywhere(int index, long userId, long seatId) throws InterruptedException {
            slots.acquire();
            try {
                for (ApiClient server : servers.routeFor(index)) {
                    Attempt result = reserve(server, userId, seatId);
                    if (!(result instanceof Attempt.Unreached)) return result;
                    servers.markDown(server);
                }
                return new Attempt.Failed("no instance reachable");
            } finally {
                slots.release();
            }
        }

        private Attempt reserve(ApiClient server, long userId, long seatId) throws InterruptedException {
            tally.inFlight.incrementAndGet();
            long started = System.nanoTime();
            Attempt result;
            try {
                result = plan.strategy().isAsync() ? async.reserve(server, plan.strategy().path(), userId, seatId, tokens.get(userId))
                        : sync(server, userId, seatId);
            } finally {
                tally.latency.record(started);
                tally.inFlight.decrementAndGet();
            }
            tally.count(result);
            return result;
        }

        private Attempt sync(ApiClient server, long userId, long seatId) throws InterruptedException {
            try {
                int status = server.exchange(server.reservation(plan.strategy().path(), userId, seatId, tokens.get(userId))).statusCode();
                return switch (status) {
                    case 200 -> new Attempt.Sold(seatId);
                    case 409 -> new Attempt.Refused(seatId);
                    case 403 -> new Attempt.NotAdmitted();
                    // a dependency failed mid-sale: the commit may or may not have happened, the buyer's reservations will tell
                    case 503 -> new Attempt.Unknown(seatId, null, false, "503 during the sale");
                    default -> new Attempt.Failed("HTTP " + status);
                };
            } catch (ConnectException refused) {
                return new Attempt.Unreached();
            } catch (IOException lost) {
                return new Attempt.Unknown(seatId, null, false, "connection lost: " + lost.getClass().getSimpleName());
            }
        }

    }

    /** After the rush: lost answers settled from the server's record, every buyer classified, the independent check. */
    private record Reckoning(Servers servers, long optionId, int seats, RushPlan plan, Tally tally, boolean interrupted) {

        RushSummary summarize(List<BuyerRun> all, long durationNanos, List<RushSummary.Fault> struck) throws InterruptedException {
            List<BuyerRun> runs = all.stream().filter(BuyerRun::arrived).toList();
            List<BuyerRun> settled = settleLostAnswers(runs);
            Map<Long, List<Api.Reservation>> holdings = holdings(settled);
            int[] counts = new int[3];
            int salesSeen = 0;
            for (BuyerRun run : settled) {
                List<Api.Reservation> held = holdings.get(run.userId());
                BuyerOutcome outcome = outcome(run, held);
                counts[switch (outcome) {
                    case BuyerOutcome.Sold sold -> 0;
                    case BuyerOutcome.WithoutSeat none -> 1;
                    case BuyerOutcome.Errored errored -> 2;
                }]++;
                if (outcome instanceof BuyerOutcome.Errored errored && run.stopped() != null) tally.error(errored.kind());
                if (run.sawSale() || (!held.isEmpty() && hasUnknown(run))) salesSeen++;
            }
            int seen = salesSeen;
            SaleAudit.Verdict verdict = servers.anyLive(0, server -> new SaleAudit(server).check(optionId, holdings, seen));
            List<String> violations = new ArrayList<>(verdict.violations());
            int unsettled = unsettled(settled, holdings);
            long lostAccepted = lostAccepted(settled, holdings);
            if (lostAccepted > 0) violations.add(lostAccepted + " requests answered 202 never reached a final status");
            int accounted = counts[0] + counts[1] + counts[2];
            if (accounted != runs.size()) violations.add(runs.size() - accounted + " buyers are missing from sold + without seat + errored");
            if (tally.requests.get() > 0 && tally.notAdmitted.get() == tally.requests.get()) {
                violations.add("every reservation was refused with 403: the buyers were never admitted (with --redis, is it this server's Redis?)");
            }
            double seconds = Math.max(durationNanos, 1) / 1e9;
            return new RushSummary(
                    new RushSummary.Plan(plan.strategy().label(), plan.pattern().name().toLowerCase(), plan.arrival().toString(), plan.users(), seats,
                            plan.seed(), plan.servers()),
                    new RushSummary.Buyers(runs.size(), counts[0], counts[1], counts[2], round(runs.size() / seconds)),
                    new RushSummary.Requests(tally.requests.get(), tally.succeeded.get() + settledSales(runs, settled), tally.refused.get(),
                            tally.notAdmitted.get(), tally.errors.get() + unsettled, tally.unknown.get() - unsettled,
                            Map.copyOf(tally.errorKinds), round(tally.requests.get() / seconds), tally.latency.summary()),
                    plan.queue() == null ? null : new RushSummary.Queue(tally.queueWait.summary(), tally.admissionsPerSecond(), tally.rejectedJoins.get()),
                    new RushSummary.Check(violations.isEmpty(), verdict.sold(), verdict.oversold(), violations),
                    durationNanos / 1_000_000, struck, interrupted, List.of());
        }

        /** Asks the server's record about every async request whose answer was lost, until each is final or time runs out. */
        private List<BuyerRun> settleLostAnswers(List<BuyerRun> runs) throws InterruptedException {
            List<BuyerRun> settled = new ArrayList<>(runs);
            long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
            boolean open = true;
            while (open) {
                open = false;
                for (int i = 0; i < settled.size(); i++) {
                    BuyerRun run = settled.get(i);
                    List<Attempt> attempts = new ArrayList<>(run.attempts());
                    for (int a = 0; a < attempts.size(); a++) {
                        if (!(attempts.get(a) instanceof Attempt.Unknown lost) || lost.requestId() == null) continue;
                        String status = AsyncSale.settled(servers, run.index(), lost.requestId());
                        if (status == null) open = true;
                        else attempts.set(a, status.equals("SUCCESS") ? new Attempt.Sold(lost.seatId()) : new Attempt.Refused(lost.seatId()));
                    }
                    settled.set(i, new BuyerRun(run.index(), run.userId(), List.copyOf(attempts), run.stopped()));
                }
                if (!open || System.nanoTime() > deadline) break;
                Thread.sleep(500);
            }
            return settled;
        }

        private Map<Long, List<Api.Reservation>> holdings(List<BuyerRun> runs) throws InterruptedException {
            Semaphore slots = new Semaphore(plan.concurrency());
            List<List<Api.Reservation>> lists = inParallel(runs.size(), slots,
                    i -> servers.anyLive(i, server -> server.reservationsOf(runs.get(i).userId())));
            Map<Long, List<Api.Reservation>> holdings = new HashMap<>();
            for (int i = 0; i < runs.size(); i++) holdings.put(runs.get(i).userId(), lists.get(i));
            return holdings;
        }

        private static BuyerOutcome outcome(BuyerRun run, List<Api.Reservation> held) {
            if (!held.isEmpty()) return new BuyerOutcome.Sold(held.getFirst().seatId());
            if (BuyerRun.CUT_SHORT.equals(run.stopped())) return new BuyerOutcome.WithoutSeat("the rush was stopped");
            if (run.stopped() != null) return new BuyerOutcome.Errored(run.stopped());
            for (Attempt attempt : run.attempts()) {
                if (attempt instanceof Attempt.Failed failed) return new BuyerOutcome.Errored(failed.kind());
                if (attempt instanceof Attempt.Unknown lost) return new BuyerOutcome.Errored("answer lost: " + lost.why());
            }
            boolean notAdmitted = run.attempts().stream().anyMatch(a -> a instanceof Attempt.NotAdmitted);
            return new BuyerOutcome.WithoutSeat(notAdmitted ? "not admitted" : run.attempts().isEmpty() ? "no seat left to try" : "refused");
        }

        private static boolean hasUnknown(BuyerRun run) {
            return run.attempts().stream().anyMatch(a -> a instanceof Attempt.Unknown);
        }

        /** Sales learned by settling lost async answers. */
        private static int settledSales(List<BuyerRun> before, List<BuyerRun> after) {
            long sold = after.stream().flatMap(r -> r.attempts().stream()).filter(a -> a instanceof Attempt.Sold).count();
            long seen = before.stream().flatMap(r -> r.attempts().stream()).filter(a -> a instanceof Attempt.Sold).count();
            return (int) (sold - seen);
        }

        /** Lost answers neither the status record nor the buyer's reservations could settle; each is counted as an error of its kind. */
        private int unsettled(List<BuyerRun> runs, Map<Long, List<Api.Reservation>> holdings) {
            int open = 0;
            for (BuyerRun run : runs) {
                boolean holds = !holdings.get(run.userId()).isEmpty();
                for (Attempt attempt : run.attempts()) {
                    if (attempt instanceof Attempt.Unknown lost && !holds) {
                        tally.errorKinds.merge(lost.why(), 1, Integer::sum);
                        open++;
                    }
                }
            }
            return open;
        }

        /** Requests a 202 accepted whose final status neither the record nor the buyer's reservations ever showed. */
        private static long lostAccepted(List<BuyerRun> runs, Map<Long, List<Api.Reservation>> holdings) {
            return runs.stream().filter(run -> holdings.get(run.userId()).isEmpty()).flatMap(run -> run.attempts().stream())
                    .filter(a -> a instanceof Attempt.Unknown lost && lost.accepted()).count();
        }

        private static double round(double value) {
            return Math.round(value * 10) / 10.0;
        }
    }
}
