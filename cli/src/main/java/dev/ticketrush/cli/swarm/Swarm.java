package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.CliFailure;
import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.chaos.Rehearsal;
import dev.ticketrush.cli.check.SaleAudit;
import dev.ticketrush.cli.report.ProgressLine;
import dev.ticketrush.cli.report.RushSummary;

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
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * A swarm of buyers on virtual threads against running servers, then the independent check. Every buyer ends as
 * exactly one {@link BuyerOutcome}; an answer lost on the way is settled from the server's own record afterwards,
 * reading through whichever instance still answers.
 */
public final class Swarm {

    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
    /** How long a buyer keeps coming back to 503s before giving up, as a fan at a sale would. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final PrintStream progressOut;

    public Swarm(PrintStream progressOut) {
        this.progressOut = progressOut;
    }

    public RushSummary run(RushPlan plan) throws InterruptedException {
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
        Buyer buyer = new Buyer(plan, seats, servers, slots, tally, new QueueEntry(streams, tally.rejectedJoins), new AsyncSale(streams), tokens);
        ProgressLine progress = plan.progress() ? ProgressLine.start(progressOut, () -> snapshot(tally, plan, servers)) : null;
        long started = System.nanoTime();
        rehearsal.start(tally.buyersDone::get, plan.users(), started);
        List<BuyerRun> runs;
        List<RushSummary.Fault> struck;
        try {
            runs = runAll(buyers, index -> buyer.run(index, buyers[index], started));
        } finally {
            struck = rehearsal.stop();
            if (progress != null) progress.stop();
        }
        long durationNanos = System.nanoTime() - started;
        return new Reckoning(servers, optionId, seats.length, plan, tally).summarize(runs, durationNanos, struck);
    }

    /** Every buyer's run, in order; a buyer whose task broke counts as errored, never as missing. */
    private static List<BuyerRun> runAll(long[] buyers, IntFunction<BuyerRun> body) throws InterruptedException {
        List<Future<BuyerRun>> futures = new ArrayList<>(buyers.length);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < buyers.length; i++) {
                int index = i;
                futures.add(executor.submit(() -> body.apply(index)));
            }
        }
        List<BuyerRun> runs = new ArrayList<>(buyers.length);
        for (int i = 0; i < futures.size(); i++) {
            try {
                runs.add(futures.get(i).get());
            } catch (ExecutionException e) {
                runs.add(new BuyerRun(i, buyers[i], List.of(), "buyer failed: " + e.getCause()));
            }
        }
        return runs;
    }

    private static String snapshot(Tally tally, RushPlan plan, Servers servers) {
        String line = String.format("buyers %d/%d  sold %d  refused %d  errors %d  in flight %d  req %d  p99 %.0f ms",
                tally.buyersDone.get(), plan.users(), tally.succeeded.get(), tally.refused.get(), tally.errors.get(),
                tally.inFlight.get(), tally.requests.get(), tally.latency.summary().p99());
        if (plan.queue() == null) return line;
        try {
            var room = servers.anyLive(0, server -> server.waitingRoomOverview(plan.concertId()));
            return line + String.format("  waiting %d  admitted %d  rejected joins %d", room.path("waiting").asLong(), tally.admitted.get(),
                    tally.rejectedJoins.get());
        } catch (CliFailure noOverview) {
            return line + "  admitted " + tally.admitted.get();
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
        return inParallel(plan.users(), slots, i -> servers.of(i).createUser("rush-" + plan.seed() + "-" + i).id())
                .stream().mapToLong(Long::longValue).toArray();
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
                         Map<Long, String> tokens, Set<Long> seenTaken) {

        Buyer(RushPlan plan, long[] seats, Servers servers, Semaphore slots, Tally tally, QueueEntry entry, AsyncSale async, Map<Long, String> tokens) {
            this(plan, seats, servers, slots, tally, entry, async, tokens, ConcurrentHashMap.newKeySet());
        }

        BuyerRun run(int index, long userId, long started) {
            List<Attempt> attempts = new ArrayList<>();
            try {
                sleepUntil(started + plan.arrival().delayOf(index).toNanos());
                ApiClient server = servers.of(index);
                if (plan.queue() != null && !admitted(server, userId)) return new BuyerRun(index, userId, attempts, "never admitted within 15 min");
                SplittableRandom random = new SplittableRandom(plan.seed() * 1_000_003L + index);
                long patience = 0;
                for (int attempt = 0; attempt < plan.attempts(); attempt++) {
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
                return new BuyerRun(index, userId, attempts, null);
            } catch (CliFailure failure) {
                return new BuyerRun(index, userId, attempts, failure.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new BuyerRun(index, userId, attempts, "interrupted");
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

        private static void sleepUntil(long nanoTime) throws InterruptedException {
            long wait = nanoTime - System.nanoTime();
            if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
        }
    }

    /** After the rush: lost answers settled from the server's record, every buyer classified, the independent check. */
    private record Reckoning(Servers servers, long optionId, int seats, RushPlan plan, Tally tally) {

        RushSummary summarize(List<BuyerRun> runs, long durationNanos, List<RushSummary.Fault> struck) throws InterruptedException {
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
            if (accounted != plan.users()) violations.add(plan.users() - accounted + " buyers are missing from sold + without seat + errored");
            if (tally.requests.get() > 0 && tally.notAdmitted.get() == tally.requests.get()) {
                violations.add("every reservation was refused with 403: the buyers were never admitted (with --redis, is it this server's Redis?)");
            }
            double seconds = Math.max(durationNanos, 1) / 1e9;
            return new RushSummary(
                    new RushSummary.Plan(plan.strategy().label(), plan.pattern().name().toLowerCase(), plan.arrival().toString(), plan.users(), seats,
                            plan.seed(), plan.servers()),
                    new RushSummary.Buyers(plan.users(), counts[0], counts[1], counts[2], round(plan.users() / seconds)),
                    new RushSummary.Requests(tally.requests.get(), tally.succeeded.get() + settledSales(runs, settled), tally.refused.get(),
                            tally.notAdmitted.get(), tally.errors.get() + unsettled, tally.unknown.get() - unsettled,
                            Map.copyOf(tally.errorKinds), round(tally.requests.get() / seconds), tally.latency.summary()),
                    plan.queue() == null ? null : new RushSummary.Queue(tally.queueWait.summary(), tally.admissionsPerSecond(), tally.rejectedJoins.get()),
                    new RushSummary.Check(violations.isEmpty(), verdict.sold(), verdict.oversold(), violations),
                    durationNanos / 1_000_000, struck);
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
