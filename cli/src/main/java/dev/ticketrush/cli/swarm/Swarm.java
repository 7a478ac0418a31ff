package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.CliFailure;
import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.check.SaleAudit;
import dev.ticketrush.cli.report.LatencyRecorder;
import dev.ticketrush.cli.report.RushSummary;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A swarm of buyers on virtual threads against running servers, followed by the independent check. */
public final class Swarm {

    private final PrintStream progressOut;

    public Swarm(PrintStream progressOut) {
        this.progressOut = progressOut;
    }

    /** What the buyers saw, counted as they go. */
    private static final class Tally {
        final AtomicInteger rejectedJoins = new AtomicInteger();
        final Map<String, Integer> errorKinds = new ConcurrentHashMap<>();

        void error(String kind) {
            errors.incrementAndGet();
            errorKinds.merge(kind, 1, Integer::sum);
        }
        final LatencyRecorder queueWait = new LatencyRecorder();
        final java.util.concurrent.atomic.AtomicLong firstAdmission = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        final java.util.concurrent.atomic.AtomicLong lastAdmission = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
        final AtomicInteger succeeded = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger buyersDone = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final LatencyRecorder latency = new LatencyRecorder();
    }

    public RushSummary run(RushPlan plan) throws InterruptedException {
        List<ApiClient> servers = plan.servers().stream().map(ApiClient::new).toList();
        ApiClient first = servers.getFirst();
        long optionId = plan.optionId() != null ? plan.optionId() : firstOption(first, plan.concertId());
        long[] seats = first.availableSeats(optionId).stream().mapToLong(Api.Seat::id).toArray();
        if (seats.length == 0) throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "option " + optionId + " has no AVAILABLE seats to rush");
        Semaphore slots = new Semaphore(plan.concurrency());
        long[] buyers = createBuyers(servers, plan, slots);
        Tally tally = new Tally();
        if (plan.queue() == null) Admission.admit(plan.redisUrl(), buyers);
        else configureRoom(first, plan.concertId(), plan.queue());
        HttpClient streams = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(java.time.Duration.ofSeconds(10)).build();
        QueueEntry entry = new QueueEntry(streams, tally.rejectedJoins);
        AsyncOutcome async = new AsyncOutcome(streams);

        Set<Long> seenTaken = ConcurrentHashMap.newKeySet();
        Thread progress = plan.progress() ? startProgress(tally, plan.users()) : null;
        long started = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < buyers.length; i++) {
                int buyer = i;
                executor.submit(() -> {
                    sleepUntil(started + plan.arrival().delayOf(buyer).toNanos());
                    ApiClient server = servers.get(buyer % servers.size());
                    if (plan.queue() == null || admitted(entry, server, plan, buyers[buyer], tally)) {
                        buy(server, plan, buyer, buyers[buyer], seats, seenTaken, slots, tally, async);
                    }
                    tally.buyersDone.incrementAndGet();
                    return null;
                });
            }
        } finally {
            if (progress != null) progress.interrupt();
        }
        long durationNanos = System.nanoTime() - started;
        if (progress != null) progressOut.print("\r" + " ".repeat(100) + "\r");

        Map<Long, List<Api.Reservation>> holdings = readHoldings(servers, buyers, slots);
        SaleAudit.Verdict verdict = new SaleAudit(first).check(optionId, holdings, tally.succeeded.get());
        return summary(plan, seats.length, tally, durationNanos, verdict);
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

    /** Joins the waiting room and waits for ACTIVE; a buyer that never gets in counts as an error. */
    private static boolean admitted(QueueEntry entry, ApiClient server, RushPlan plan, long userId, Tally tally) throws InterruptedException {
        long joined = System.nanoTime();
        boolean active = entry.awaitAdmission(server, userId, plan.concertId());
        if (!active) {
            tally.error("never admitted");
            return false;
        }
        long now = System.nanoTime();
        tally.queueWait.record(joined);
        tally.firstAdmission.accumulateAndGet(now, Math::min);
        tally.lastAdmission.accumulateAndGet(now, Math::max);
        return true;
    }

    /** One buyer: up to {@code attempts} tries at seats not known taken, stopping at a sale or a 403. */
    private static void buy(ApiClient server, RushPlan plan, int buyer, long userId, long[] seats, Set<Long> seenTaken,
                            Semaphore slots, Tally tally, AsyncOutcome async) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(plan.seed() * 1_000_003L + buyer);
        for (int attempt = 0; attempt < plan.attempts(); attempt++) {
            long seat = plan.pattern().pick(buyer, seats, seenTaken, random);
            if (seat == SeatPattern.NONE) return;
            int status = reserve(server, plan.strategy(), userId, seat, slots, tally, async);
            if (status == 200) {
                tally.succeeded.incrementAndGet();
                seenTaken.add(seat);
                return;
            }
            if (status == 409) {
                tally.refused.incrementAndGet();
                seenTaken.add(seat);
            } else if (status == 403) {
                tally.refused.incrementAndGet();
                return;
            } else {
                tally.error(status == -1 ? "stream lost before a result" : status == -2 ? "I/O failure" : "HTTP " + status);
            }
        }
    }

    private static int reserve(ApiClient server, Strategy strategy, long userId, long seatId, Semaphore slots, Tally tally,
                               AsyncOutcome async) throws InterruptedException {
        slots.acquire();
        tally.inFlight.incrementAndGet();
        long started = System.nanoTime();
        try {
            if (strategy.isAsync()) return async.reserve(server, strategy.path(), userId, seatId);
            return server.exchange(server.post(strategy.path(), Map.of("userId", userId, "seatId", seatId))
                    .header("User-Id", Long.toString(userId)).build()).statusCode();
        } catch (IOException e) {
            return -2;
        } finally {
            tally.latency.record(started);
            tally.requests.incrementAndGet();
            tally.inFlight.decrementAndGet();
            slots.release();
        }
    }

    private static long[] createBuyers(List<ApiClient> servers, RushPlan plan, Semaphore slots) throws InterruptedException {
        return inParallel(plan.users(), slots, i -> servers.get(i % servers.size()).createUser("rush-" + plan.seed() + "-" + i).id())
                .stream().mapToLong(Long::longValue).toArray();
    }

    private static Map<Long, List<Api.Reservation>> readHoldings(List<ApiClient> servers, long[] buyers, Semaphore slots) throws InterruptedException {
        List<List<Api.Reservation>> lists = inParallel(buyers.length, slots, i -> servers.get(i % servers.size()).reservationsOf(buyers[i]));
        Map<Long, List<Api.Reservation>> holdings = new ConcurrentHashMap<>();
        for (int i = 0; i < buyers.length; i++) holdings.put(buyers[i], lists.get(i));
        return holdings;
    }

    /** Runs n calls on virtual threads, at most as many at once as the slots allow, and answers their results in order. */
    private static <T> List<T> inParallel(int n, Semaphore slots, IntFunction<T> call) throws InterruptedException {
        List<java.util.concurrent.Future<T>> futures = new ArrayList<>(n);
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
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            }
        }
        return results;
    }

    private Thread startProgress(Tally tally, int users) {
        long started = System.nanoTime();
        return Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                progressOut.printf("\r[%5.1fs] buyers %d/%d  ok %d  refused %d  errors %d  in flight %d   ",
                        (System.nanoTime() - started) / 1e9, tally.buyersDone.get(), users, tally.succeeded.get(),
                        tally.refused.get(), tally.errors.get(), tally.inFlight.get());
                progressOut.flush();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) Thread.sleep(java.time.Duration.ofNanos(wait));
    }

    private static RushSummary summary(RushPlan plan, int seats, Tally tally, long durationNanos, SaleAudit.Verdict verdict) {
        double seconds = Math.max(durationNanos, 1) / 1e9;
        int buyersWithoutSeat = plan.users() - tally.succeeded.get();
        return new RushSummary(plan.users(), seats, plan.strategy().label(), tally.succeeded.get(), tally.refused.get(),
                tally.errors.get(), verdict.oversold(), durationNanos / 1_000_000, round(plan.users() / seconds), tally.latency.summary(),
                plan.pattern().name().toLowerCase(), plan.arrival().toString(), tally.requests.get(), round(tally.requests.get() / seconds),
                buyersWithoutSeat, verdict.sold(), verdict.passed(), verdict.violations(),
                plan.queue() == null ? null : tally.queueWait.summary(), admissionsPerSec(tally, plan.users()), tally.rejectedJoins.get(),
                Map.copyOf(tally.errorKinds));
    }

    private static double admissionsPerSec(Tally tally, int users) {
        long span = tally.lastAdmission.get() - tally.firstAdmission.get();
        return span <= 0 ? 0 : round(users * 1e9 / span);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
