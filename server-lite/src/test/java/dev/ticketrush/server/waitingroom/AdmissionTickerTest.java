package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.infra.RedisConnection;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.resps.Tuple;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ticketrush.server.waitingroom.WaitingRoomApiTest.awaitTrue;
import static dev.ticketrush.server.waitingroom.WaitingRoomApiTest.join;
import static dev.ticketrush.server.waitingroom.WaitingRoomApiTest.position;
import static dev.ticketrush.server.waitingroom.WaitingRoomApiTest.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throttled admission over time, judged on Redis' own clock (join scores and admission expiries), never on how fast
 * this machine happens to run: the configured rate is kept, joins cannot hold it up, admissions expire.
 */
class AdmissionTickerTest extends ServerTest {

    private static final long TTL_MS = 300_000;

    AdmissionTickerTest(TestServices services) {
        super(services);
    }

    @Test
    void joinsArrivingFasterThanTheIntervalDoNotHoldAdmissionUp() throws Exception {
        long concert = http.setupConcert(1)[0];
        configure(concert, 5000, 1, 100);
        long[] users = services.createUsers(60);
        for (long user : users) {
            assertEquals(200, http.post("/api/v1/waiting-queue/join", join(user, concert)).statusCode());
            Thread.sleep(20);
        }
        try (var jedis = services.jedis()) {
            // a join that re-armed the admission clock would postpone every batch until the joins stopped
            long lastJoin = jedis.zscore("waiting-queue:" + concert, Long.toString(users[users.length - 1])).longValue();
            long admittedWhileJoining = jedis.zrangeWithScores("waiting-room:admitted:" + concert, 0, -1).stream()
                    .filter(admission -> admission.getScore() - TTL_MS < lastJoin - 200).count();
            assertTrue(admittedWhileJoining >= 2, "admitted at least 300 ms before the last join: " + admittedWhileJoining);
        }
    }

    /** 2000 joins at once can outrun a loaded machine's Redis budget: a 503 is answered, and a client comes back after Retry-After. */
    private String joinAsAClientWould(long user, long concert) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            var answer = http.post("/api/v1/waiting-queue/join", join(user, concert));
            if (answer.statusCode() != 503 || attempt == 5) return answer.body();
            Thread.sleep(1_000);
        }
    }

    @Test
    void fiftyEveryHundredMillisecondsAdmitsFiveHundredPerSecondOnRedisClock() throws Exception {
        long concert = http.setupConcert(1)[0];
        configure(concert, 5000, 50, 3_600_000);
        long[] users = services.createUsers(2000);
        AtomicInteger waiting = new AtomicInteger();
        List<String> otherwise = new java.util.concurrent.CopyOnWriteArrayList<>();
        // at most 200 joins in flight: 2,000 connects at once time out on a busy 2-core machine, which is not this test's subject
        Semaphore inFlight = new Semaphore(200);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long user : users) {
                executor.submit(() -> {
                    inFlight.acquireUninterruptibly();
                    try {
                        String answer = joinAsAClientWould(user, concert);
                        if (answer.contains("WAITING")) waiting.incrementAndGet();
                        else otherwise.add(answer);
                    } catch (Exception | Error e) {
                        otherwise.add(e.toString());
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        assertEquals(users.length, waiting.get(), "every join WAITING, not: " + otherwise);
        configure(concert, 5000, 50, 100);
        try (var jedis = services.jedis()) {
            awaitTrue(() -> jedis.zcard("waiting-queue:" + concert) == 0, "queue drained");
            // every batch's admissions share one expiry: admission time on Redis' clock plus the TTL
            TreeMap<Double, Integer> batches = new TreeMap<>();
            for (Tuple admission : jedis.zrangeWithScores("waiting-room:admitted:" + concert, 0, -1)) batches.merge(admission.getScore(), 1, Integer::sum);
            double seconds = (batches.lastKey() - batches.firstKey()) / 1000;
            double perSecond = (users.length - batches.firstEntry().getValue()) / seconds;
            System.out.printf("drained %d waiters at 50/100 ms in %.2f s of Redis time: %.0f admissions/s%n", users.length, seconds, perSecond);
            assertTrue(perSecond >= 450 && perSecond <= 560, "admissions per second on Redis' clock: " + perSecond);
            batches.values().forEach(size -> assertTrue(size % 50 == 0 || size == users.length % 50, "whole batches: " + batches.values()));
            for (long user : users) assertTrue(jedis.exists("active-user:" + user), "admitted: " + user);
        }
    }

    @Test
    void anAdmissionLastsFiveMinutesAndWhenItEndsTheBuyerIsNoneAndForbidden() throws Exception {
        long concert = http.setupConcert(1)[0];
        configure(concert, 100, 10, 3_600_000);
        long user = services.createUsers(1)[0];
        assertEquals(position(user, concert, "WAITING", 1), http.post("/api/v1/waiting-queue/join", join(user, concert)).body());
        configure(concert, 100, 10, 3_600_000);
        try (var jedis = services.jedis()) {
            awaitTrue(() -> jedis.exists("active-user:" + user), "admitted by the ticker");
            long ttl = jedis.ttl("active-user:" + user);
            assertTrue(ttl > 290 && ttl <= 300, "admission TTL: " + ttl);
            assertEquals(position(user, concert, "ACTIVE", 0), http.get(status(user, concert)).body());
            assertEquals(position(user, concert, "ACTIVE", 0), http.post("/api/v1/waiting-queue/join", join(user, concert)).body());
            // five minutes pass
            jedis.pexpire("active-user:" + user, 50);
            awaitTrue(() -> !jedis.exists("active-user:" + user), "admission expired");
        }
        assertEquals(position(user, concert, "NONE", -1), http.get(status(user, concert)).body());
        HttpResponse<String> refused = http.postAs(user, "/api/reservations/v1/optimistic", "{\"userId\":" + user + ",\"seatId\":1}");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("\"message\":\"Not an active user in waiting queue\""), refused.body());
    }

    @Test
    void joinsAreScoredOnRedisClockInStrictJoinOrder() throws Exception {
        long concert = http.setupConcert(1)[0];
        configure(concert, 1000, 1, 3_600_000);
        long[] users = services.createUsers(200);
        for (long user : users) http.post("/api/v1/waiting-queue/join", join(user, concert));
        try (var jedis = services.jedis()) {
            List<Tuple> line = jedis.zrangeWithScores("waiting-queue:" + concert, 0, -1);
            assertEquals(users.length, line.size());
            long redisNow = Long.parseLong(jedis.time().get(0)) * 1000;
            for (int i = 0; i < users.length; i++) {
                assertEquals(Long.toString(users[i]), line.get(i).getElement(), "place " + i);
                if (i > 0) assertTrue(line.get(i).getScore() > line.get(i - 1).getScore(), "strictly later than the one before: " + i);
                assertTrue(Math.abs(line.get(i).getScore() - redisNow) < 60_000, "a join time in ms on Redis' clock: " + line.get(i).getScore());
            }
        }
    }

    @Test
    void aTickersBatchIsAnnouncedBeforeAnyOfItsBuyersKeyEvents() throws Exception {
        long concert = http.setupConcert(1)[0];
        configure(concert, 1000, 200, 3_600_000);
        long[] users = services.createUsers(200);
        for (long user : users) http.post("/api/v1/waiting-queue/join", join(user, concert));
        try (AdmissionTrace trace = new AdmissionTrace(services)) {
            configure(concert, 1000, 200, 100);
            trace.assertAnnouncedFirst(concert + " ", users);
        }
    }

    @Test
    void anOperatorsAdmissionIsAnnouncedBeforeAnyOfItsBuyersKeyEvents() throws Exception {
        long[] users = services.createUsers(200);
        try (AdmissionTrace trace = new AdmissionTrace(services)) {
            String ids = Arrays.toString(users).replace(" ", "");
            assertEquals(200, http.post("/api/admin/admissions", "{\"userIds\":" + ids + ",\"ttlSeconds\":90}").statusCode());
            trace.assertAnnouncedFirst("0 0 ", users);
        }
    }

    /**
     * Admission announcements and {@code active-user:} key events in the order one Redis connection receives them, as
     * a server's subscriber does: a batch announced after its thousands of key events reached its streams only after them.
     */
    private static final class AdmissionTrace implements AutoCloseable {

        private final List<String> received = new CopyOnWriteArrayList<>();
        private final JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onPMessage(String pattern, String channel, String message) {
                received.add(channel.endsWith(":admissions") ? "announced " + message : "set".equals(message) ? "key " + channel.substring(channel.lastIndexOf(':') + 1) : "other");
            }
        };
        private final Jedis connection;
        private final Thread subscriber;

        AdmissionTrace(TestServices services) throws InterruptedException {
            connection = services.jedis();
            int database = RedisConnection.databaseIndex(services.redisUrl());
            subscriber = Thread.ofPlatform().daemon().start(() -> connection.psubscribe(listener, "ticket-rush:*:admissions", "__keyspace@" + database + "__:active-user:*"));
            awaitTrue(() -> listener.getSubscribedChannels() == 2, "subscribed");
        }

        /** Waits for every buyer's key event, then checks that an announcement starting with {@code prefix} named each buyer first. */
        void assertAnnouncedFirst(String prefix, long[] users) throws InterruptedException {
            awaitTrue(() -> Arrays.stream(users).allMatch(user -> received.contains("key " + user)), "every buyer's key set");
            List<String> seen = List.copyOf(received);
            for (long user : users) {
                int announced = -1;
                for (int i = 0; i < seen.size() && announced < 0; i++) {
                    if (seen.get(i).startsWith("announced " + prefix) && List.of(seen.get(i).split(" ")).contains(Long.toString(user))) announced = i;
                }
                assertTrue(announced >= 0, "buyer " + user + " announced: " + seen);
                assertTrue(seen.indexOf("key " + user) > announced, "buyer " + user + "'s key event came before its announcement");
            }
        }

        @Override
        public void close() throws InterruptedException {
            listener.punsubscribe();
            subscriber.join(5_000); // psubscribe returns once unsubscribed: the connection is then idle and closes quietly
            connection.close();
        }
    }

    private void configure(long concert, int capacity, int admitCount, long intervalMs) {
        HttpResponse<String> response = http.put("/api/v1/waiting-queue/config/" + concert,
                "{\"capacity\":" + capacity + ",\"admitCount\":" + admitCount + ",\"admitIntervalMs\":" + intervalMs + "}");
        assertEquals(200, response.statusCode(), response.body());
    }
}
