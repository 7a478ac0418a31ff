package dev.ticketrush.server.asyncqueue;

import dev.ticketrush.server.http.Json;
import dev.ticketrush.server.infra.Database;
import dev.ticketrush.server.infra.KafkaTopics;
import dev.ticketrush.server.infra.RedisConnection;
import dev.ticketrush.server.reservation.OptimisticReserver;
import dev.ticketrush.server.reservation.PessimisticReserver;
import dev.ticketrush.server.reservation.ReservationStore;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kafka queue and its consumer group on a real broker, checked with SQL and the status keys themselves. */
class ReservationWorkerTest extends ServerTest {

    private final SaleInvariants invariants;

    ReservationWorkerTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    @Test
    void thousandQueuedRequestsForHundredSeatsAllEndAndSellEachSeatOnce() throws Exception {
        try (var node = new WorkerNode(services); var other = new WorkerNode(services)) {
            node.startWorker();
            other.startWorker();
            long[] seats = seatsOfNewConcert(100);
            long[] users = services.createUsers(1000);
            enqueueAll(node.queue, users, seats);
            Map<String, Integer> outcome = awaitTerminal(node.board, users, seats, Duration.ofSeconds(90));
            assertEquals(100, outcome.getOrDefault(AsyncStatus.SUCCESS, 0), outcome.toString());
            invariants.assertSoldExactlyOnce(optionOf(seats[0]), 100);
        }
    }

    @Test
    void requestsOfAWorkerStoppedHalfwayAreFinishedByTheOtherInstance() throws Exception {
        long[] seats = seatsOfNewConcert(100);
        long[] users = services.createUsers(1000);
        try (var survivor = new WorkerNode(services)) {
            survivor.startWorker();
            try (var doomed = new WorkerNode(services)) {
                doomed.startWorker();
                enqueueAll(survivor.queue, users, seats);
                awaitTerminalCount(survivor.board, users, seats, 300, Duration.ofSeconds(60));
            }
            Map<String, Integer> outcome = awaitTerminal(survivor.board, users, seats, Duration.ofSeconds(90));
            assertEquals(100, outcome.getOrDefault(AsyncStatus.SUCCESS, 0), outcome.toString());
            invariants.assertSoldExactlyOnce(optionOf(seats[0]), 100);
        }
    }

    @Test
    void aRedeliveredRequestNeverSellsTwiceNorTurnsSuccessIntoFailure() throws Exception {
        try (var node = new WorkerNode(services)) {
            long[] seats = seatsOfNewConcert(1);
            long user = services.createUsers(1)[0];
            var event = new ReservationEvent(user, seats[0], LockType.PESSIMISTIC);
            String message = Json.mapper().writeValueAsString(event);
            var record = new org.apache.kafka.clients.consumer.ConsumerRecord<>(KafkaTopics.RESERVATION_EVENTS, 0, 0L, Long.toString(seats[0]), message);
            assertTrue(node.board.claim(user, seats[0]));
            node.worker().handle(record);
            assertEquals(AsyncStatus.SUCCESS, node.board.status(user, seats[0]));
            node.worker().handle(record);
            assertEquals(AsyncStatus.SUCCESS, node.board.status(user, seats[0]));
            // the status write lost, e.g. a crash right after the commit: the redelivery still answers SUCCESS
            try (var jedis = services.jedis()) {
                jedis.set(StatusBoard.key(user, seats[0]), AsyncStatus.PENDING);
            }
            node.worker().handle(record);
            assertEquals(AsyncStatus.SUCCESS, node.board.status(user, seats[0]));
            invariants.assertSoldExactlyOnce(optionOf(seats[0]), 1);
        }
    }

    @Test
    void unknownSeatEndsAsDataNotFound() throws Exception {
        try (var node = new WorkerNode(services)) {
            node.startWorker();
            long user = services.createUsers(1)[0];
            node.queue.enqueue(new ReservationEvent(user, 987654321L, LockType.OPTIMISTIC));
            Map<String, Integer> outcome = awaitTerminal(node.board, new long[] {user}, new long[] {987654321L}, Duration.ofSeconds(60));
            assertEquals(Map.of(AsyncStatus.FAIL_DATA_NOT_FOUND, 1), outcome);
        }
    }

    private long[] seatsOfNewConcert(int seats) throws Exception {
        return services.seatIds(http.setupConcert(seats)[1]);
    }

    private long optionOf(long seatId) throws Exception {
        return sqlNumber("SELECT concert_option_id FROM seat WHERE id = " + seatId);
    }

    /** Buyer i asks for seat i mod seats, alternating lock types. */
    private static void enqueueAll(ReservationQueue queue, long[] users, long[] seats) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < users.length; i++) {
                var event = new ReservationEvent(users[i], seats[i % seats.length], i % 2 == 0 ? LockType.OPTIMISTIC : LockType.PESSIMISTIC);
                executor.submit(() -> queue.enqueue(event));
            }
        }
    }

    private static Map<String, Integer> awaitTerminal(StatusBoard board, long[] users, long[] seats, Duration limit) throws InterruptedException {
        awaitTerminalCount(board, users, seats, users.length, limit);
        return statuses(board, users, seats);
    }

    private static void awaitTerminalCount(StatusBoard board, long[] users, long[] seats, int wanted, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            Map<String, Integer> now = statuses(board, users, seats);
            int terminal = now.entrySet().stream().filter(e -> AsyncStatus.isTerminal(e.getKey())).mapToInt(Map.Entry::getValue).sum();
            if (terminal >= wanted) return;
            Thread.sleep(200);
        }
        throw new AssertionError("requests not terminal in time: " + statuses(board, users, seats));
    }

    private static Map<String, Integer> statuses(StatusBoard board, long[] users, long[] seats) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < users.length; i++) counts.merge(board.status(users[i], seats[i % seats.length]), 1, Integer::sum);
        return counts;
    }

    /** One instance's queue side and worker side, on the test services. */
    private static final class WorkerNode implements AutoCloseable {
        final Database db;
        final RedissonClient redis;
        final StatusBoard board;
        final ReservationQueue queue;
        private final String bootstrap;
        private ReservationWorker worker;

        WorkerNode(TestServices services) {
            bootstrap = services.kafkaBootstrap();
            db = new Database(services.dbUrl(), services.dbUser(), "", 8);
            redis = RedisConnection.open(services.redisUrl());
            board = new StatusBoard(redis);
            queue = new ReservationQueue(services.kafkaBootstrap(), board, Json.mapper());
        }

        ReservationWorker worker() {
            if (worker == null) {
                var sellers = new ReservationWorker.Sellers(new OptimisticReserver(db, 0), new PessimisticReserver(db, Duration.ofSeconds(5)),
                        new ReservationStore(db));
                worker = new ReservationWorker(bootstrap, sellers, board, Json.mapper());
            }
            return worker;
        }

        void startWorker() {
            worker().start();
        }

        @Override
        public void close() throws Exception {
            if (worker != null) worker.close();
            queue.close();
            redis.shutdown();
            db.close();
        }
    }
}
