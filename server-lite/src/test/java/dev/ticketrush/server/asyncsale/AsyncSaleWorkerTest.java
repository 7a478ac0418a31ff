package dev.ticketrush.server.asyncsale;

import dev.ticketrush.server.infra.DependencyUnavailable;
import dev.ticketrush.server.http.Json;
import dev.ticketrush.server.infra.Database;
import dev.ticketrush.server.infra.LuaScripts;
import dev.ticketrush.server.infra.RedisConnection;
import dev.ticketrush.server.reservation.OptimisticSale;
import dev.ticketrush.server.reservation.PessimisticSale;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Kafka consumer group on a real broker, checked against the sale_request and reservation tables themselves. */
class AsyncSaleWorkerTest extends ServerTest {

    private static final String DEPLOYMENT = "worker-test";
    private static final int SEAT_LIMIT = 10;
    /** A topic and group of this test's own: the worker nodes here are not the server's deployment. */
    private static final String TOPIC = "worker-test-requests";
    private static final String GROUP = "worker-test-group";

    private final SaleInvariants invariants;

    AsyncSaleWorkerTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    @Test
    void thousandRequestsForHundredSeatsAllSettleAndSellEachSeatOnce() throws Exception {
        try (var node = new WorkerNode(services); var other = new WorkerNode(services)) {
            node.startWorker();
            other.startWorker();
            long[] seats = seatsOfNewConcert(100);
            long[] users = services.createUsers(1000);
            List<Long> requests = acceptAll(node.intake, users, seats);
            Map<String, Long> outcome = awaitSettled(requests, Duration.ofSeconds(90));
            assertEquals(100L, outcome.get("SUCCESS"), outcome.toString());
            invariants.assertSoldExactlyOnce(optionOf(seats[0]), 100);
        }
    }

    @Test
    void requestsOfAWorkerStoppedHalfwayAreSettledByTheOtherInstance() throws Exception {
        long[] seats = seatsOfNewConcert(100);
        long[] users = services.createUsers(1000);
        try (var survivor = new WorkerNode(services)) {
            survivor.startWorker();
            List<Long> requests;
            try (var doomed = new WorkerNode(services)) {
                doomed.startWorker();
                requests = acceptAll(survivor.intake, users, seats);
                awaitSettledCount(requests, 300, Duration.ofSeconds(60));
            }
            Map<String, Long> outcome = awaitSettled(requests, Duration.ofSeconds(90));
            assertEquals(100L, outcome.get("SUCCESS"), outcome.toString());
            invariants.assertSoldExactlyOnce(optionOf(seats[0]), 100);
        }
    }

    @Test
    void aRedeliveredRequestNeverSellsTwiceNorTurnsSuccessIntoFailure() throws Exception {
        try (var node = new WorkerNode(services)) {
            long[] seats = seatsOfNewConcert(1);
            long user = services.createUsers(1)[0];
            long requestId = node.ids.open(user, seats[0]);
            var request = new SaleRequest(user, seats[0], LockType.PESSIMISTIC, requestId);
            var record = new ConsumerRecord<>(TOPIC, 0, 0L, Long.toString(seats[0]), Json.mapper().writeValueAsString(request));
            node.worker().handle(record);
            assertEquals(SaleStatus.SUCCESS, node.board.ofRequest(requestId).orElseThrow());
            node.worker().handle(record);
            assertEquals(SaleStatus.SUCCESS, node.board.ofRequest(requestId).orElseThrow());
            // the status write lost, e.g. a crash right after the commit: the redelivery still answers SUCCESS
            try (var jedis = services.jedis()) {
                jedis.keys("reservation:*").forEach(jedis::del);
            }
            node.worker().handle(record);
            assertEquals(SaleStatus.SUCCESS, node.board.ofRequest(requestId).orElseThrow());
            assertEquals(1, sqlNumber("SELECT count(*) FROM sale_request WHERE id = " + requestId));
            invariants.assertSoldExactlyOnce(optionOf(seats[0]), 1);
        }
    }

    @Test
    void aRunTheDatabaseRefusesMidwayIsSettledOneAtATimeAndLosesNothing() throws Exception {
        try (var node = new WorkerNode(services)) {
            long[] seats = seatsOfNewConcert(3);
            long[] users = services.createUsers(4);
            // the middle seat looks AVAILABLE but already has a live reservation: its sale hits the unique index and aborts the run
            try (var c = services.sql()) {
                c.createStatement().execute("INSERT INTO reservation (user_id, seat_id) VALUES (" + users[3] + ", " + seats[1] + ")");
            }
            List<ConsumerRecord<String, String>> run = new java.util.ArrayList<>();
            long[] ids = new long[3];
            for (int i = 0; i < 3; i++) {
                ids[i] = node.ids.open(users[i], seats[i]);
                var request = new SaleRequest(users[i], seats[i], LockType.OPTIMISTIC, ids[i]);
                run.add(new ConsumerRecord<>(TOPIC, 0, i, Long.toString(seats[i]), Json.mapper().writeValueAsString(request)));
            }
            node.worker().handle(run);
            assertEquals("SUCCESS", statusOf(ids[0]));
            assertEquals("FAIL_ALREADY_RESERVED", statusOf(ids[1]));
            assertEquals("SUCCESS", statusOf(ids[2]), "the request after the refused one was settled too");
            assertEquals(SaleStatus.SUCCESS, node.board.ofRequest(ids[2]).orElseThrow());
            assertEquals(1, sqlNumber("SELECT count(*) FROM reservation WHERE seat_id = " + seats[1]), "nothing sold on top of the stray reservation");
        }
    }

    private String statusOf(long requestId) throws Exception {
        try (var c = services.sql(); var rows = c.createStatement().executeQuery("SELECT status FROM sale_request WHERE id = " + requestId)) {
            return rows.next() ? rows.getString(1) : "no row";
        }
    }

    @Test
    void aMessageOfTheOriginalServiceWithoutIdIsSettledOnceUnderAStableId() throws Exception {
        try (var node = new WorkerNode(services)) {
            long[] seats = seatsOfNewConcert(1);
            long user = services.createUsers(1)[0];
            String original = "{\"userId\":" + user + ",\"seatId\":" + seats[0] + ",\"lockType\":\"OPTIMISTIC\"}";
            var record = new ConsumerRecord<>(TOPIC, 3, 41L, Long.toString(seats[0]), original);
            node.worker().handle(record);
            node.worker().handle(record);
            assertEquals(1, sqlNumber("SELECT count(*) FROM sale_request WHERE user_id = " + user));
            assertEquals(AsyncSaleWorker.foreignId(record), sqlNumber("SELECT id FROM sale_request WHERE user_id = " + user));
            assertEquals(SaleStatus.SUCCESS, node.board.ofPair(user, seats[0]).orElseThrow().status());
            invariants.assertSoldExactlyOnce(optionOf(seats[0]), 1);
        }
    }

    @Test
    void aMessageOfAnotherDeploymentIsNeverActedOn() throws Exception {
        try (var node = new WorkerNode(services)) {
            long[] seats = seatsOfNewConcert(1);
            long user = services.createUsers(1)[0];
            var request = new SaleRequest(user, seats[0], LockType.OPTIMISTIC, 77_000_001L);
            var record = new ConsumerRecord<>(TOPIC, 0, 5L, Long.toString(seats[0]), Json.mapper().writeValueAsString(request));
            record.headers().add(SaleIntake.DEPLOYMENT_HEADER, "another-deployment".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            node.worker().handle(record);
            assertEquals(0, sqlNumber("SELECT count(*) FROM sale_request WHERE id = 77000001"));
            invariants.assertSoldExactlyOnce(optionOf(seats[0]), 0);
        }
    }

    @Test
    void unknownSeatEndsAsDataNotFound() throws Exception {
        try (var node = new WorkerNode(services)) {
            node.startWorker();
            long user = services.createUsers(1)[0];
            long requestId = node.intake.accept(user, 987654321L, LockType.OPTIMISTIC);
            assertEquals(Map.of("FAIL_DATA_NOT_FOUND", 1L), awaitSettled(List.of(requestId), Duration.ofSeconds(60)));
        }
    }

    private long[] seatsOfNewConcert(int seats) throws Exception {
        return services.seatIds(http.setupConcert(seats)[1]);
    }

    private long optionOf(long seatId) throws Exception {
        return sqlNumber("SELECT concert_option_id FROM seat WHERE id = " + seatId);
    }

    /** Buyer i asks for seat i mod seats, alternating lock types, 16 at a time (within the test pool); answers the accepted request ids. */
    private static List<Long> acceptAll(SaleIntake intake, long[] users, long[] seats) {
        List<Long> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(16);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < users.length; i++) {
                long user = users[i];
                long seat = seats[i % seats.length];
                LockType lock = i % 2 == 0 ? LockType.OPTIMISTIC : LockType.PESSIMISTIC;
                executor.submit(() -> {
                    inFlight.acquire();
                    try {
                        return accepted.add(acceptRetrying(intake, user, seat, lock));
                    } catch (RuntimeException e) {
                        refused.add(e.toString());
                        throw e;
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        assertEquals(users.length, accepted.size(), "refused: " + refused);
        return accepted;
    }

    /** As a client does with a 503: a request refused while the Kafka probe looks down (nothing queued) is sent again a moment later. */
    private static long acceptRetrying(SaleIntake intake, long user, long seat, LockType lock) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return intake.accept(user, seat, lock);
            } catch (DependencyUnavailable notQueued) {
                if (attempt == 20) throw notQueued;
                Thread.sleep(200);
            }
        }
    }

    private Map<String, Long> awaitSettled(List<Long> requests, Duration limit) throws Exception {
        awaitSettledCount(requests, requests.size(), limit);
        return settled(requests);
    }

    private void awaitSettledCount(List<Long> requests, int wanted, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (settled(requests).values().stream().mapToLong(Long::longValue).sum() >= wanted) return;
            Thread.sleep(200);
        }
        throw new AssertionError("requests not settled in time: " + settled(requests));
    }

    /** Settled requests among these, by status, from the table itself. */
    private Map<String, Long> settled(List<Long> requests) throws Exception {
        String ids = requests.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("0");
        Map<String, Long> counts = new ConcurrentHashMap<>();
        try (var c = services.sql(); var rows = c.createStatement().executeQuery(
                "SELECT status, count(*) FROM sale_request WHERE id IN (" + ids + ") GROUP BY status")) {
            while (rows.next()) counts.put(rows.getString(1), rows.getLong(2));
        }
        return counts;
    }

    /** One instance's intake and worker, on the test services. */
    private static final class WorkerNode implements AutoCloseable {
        final Database db;
        final Database workerDb;
        final RedissonClient redis;
        final JedisPooled jedis;
        final LuaScripts scripts;
        final StatusBoard board;
        final RequestIds ids;
        final SaleIntake intake;
        private final String bootstrap;
        private AsyncSaleWorker worker;

        WorkerNode(TestServices services) {
            bootstrap = services.kafkaBootstrap();
            db = new Database(services.dbUrl(), services.dbUser(), "", 3);
            workerDb = db.secondPool("worker-test", 3);
            redis = RedisConnection.open(services.redisUrl());
            jedis = RedisConnection.openForScripts(services.redisUrl());
            scripts = new LuaScripts(jedis);
            board = new StatusBoard(redis, scripts, DEPLOYMENT);
            ids = new RequestIds(db);
            intake = new SaleIntake(bootstrap, TOPIC, DEPLOYMENT, ids, board, Json.mapper(), () -> true, status -> { });
        }

        AsyncSaleWorker worker() {
            if (worker == null) {
                var sales = new AsyncSaleWorker.Sales(new OptimisticSale(SEAT_LIMIT), new PessimisticSale(Duration.ofSeconds(5), SEAT_LIMIT));
                worker = new AsyncSaleWorker(bootstrap, TOPIC, GROUP, DEPLOYMENT, sales, new SaleRequests(workerDb, board), board, Json.mapper(), status -> { }, 3);
            }
            return worker;
        }

        void startWorker() {
            worker().start();
        }

        @Override
        public void close() throws Exception {
            if (worker != null) worker.close();
            intake.close();
            ids.close();
            redis.shutdown();
            scripts.close();
            jedis.close();
            workerDb.close();
            db.close();
        }
    }
}
