package dev.ticketrush.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.asyncqueue.AsyncReservationRoutes;
import dev.ticketrush.server.asyncqueue.ReservationQueue;
import dev.ticketrush.server.asyncqueue.ReservationStatusPush;
import dev.ticketrush.server.asyncqueue.ReservationWorker;
import dev.ticketrush.server.asyncqueue.StatusBoard;
import dev.ticketrush.server.concert.ConcertRoutes;
import dev.ticketrush.server.concert.ConcertStore;
import dev.ticketrush.server.config.ServerConfig;
import dev.ticketrush.server.health.HealthRoutes;
import dev.ticketrush.server.http.HttpServer;
import dev.ticketrush.server.http.Json;
import dev.ticketrush.server.http.RequestInput;
import dev.ticketrush.server.infra.Database;
import dev.ticketrush.server.infra.KafkaTopics;
import dev.ticketrush.server.infra.RedisConnection;
import dev.ticketrush.server.reservation.DistributedLockReserver;
import dev.ticketrush.server.reservation.OptimisticReserver;
import dev.ticketrush.server.reservation.PessimisticReserver;
import dev.ticketrush.server.reservation.ReservationRoutes;
import dev.ticketrush.server.reservation.ReservationStore;
import dev.ticketrush.server.user.UserRoutes;
import dev.ticketrush.server.push.RankBroadcaster;
import dev.ticketrush.server.waitingroom.AdmissionCheck;
import dev.ticketrush.server.waitingroom.AdmissionTicker;
import dev.ticketrush.server.waitingroom.WaitingRoom;
import dev.ticketrush.server.waitingroom.WaitingRoomRoutes;
import dev.ticketrush.server.user.UserStore;
import org.redisson.api.RedissonClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Wires every feature from one {@link ServerConfig}; {@link #start} opens the port, {@link #close} releases everything. */
public final class ServerLite implements AutoCloseable {

    /** Long enough for any honest queue of row-lock waiters, short enough that a stuck transaction frees the thread. */
    private static final Duration PESSIMISTIC_LOCK_TIMEOUT = Duration.ofSeconds(5);
    /** The contract's admission TTL of {@code active-user:{userId}}. */
    private static final Duration ADMISSION_TTL = Duration.ofMinutes(5);
    /** The contract's wait for {@code lock:seat:{seatId}}. */
    private static final Duration DISTRIBUTED_LOCK_WAIT = Duration.ofSeconds(10);

    private final ServerConfig config;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private HttpServer http;
    private RankBroadcaster broadcaster;

    public ServerLite(ServerConfig config) {
        this.config = config;
    }

    public ServerLite start() {
        try {
            ObjectMapper json = Json.mapper();
            RequestInput input = new RequestInput(json);
            Database db = own(new Database(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize()));
            RedissonClient redis = RedisConnection.open(config.redisUrl());
            resources.push(redis::shutdown);
            KafkaTopics kafka = own(new KafkaTopics(config.kafkaBootstrap()));
            kafka.ensureReservationTopic();

            Map<String, BooleanSupplier> dependencies = new LinkedHashMap<>();
            dependencies.put("postgres", db::isReachable);
            dependencies.put("redis", () -> RedisConnection.isReachable(redis));
            dependencies.put("kafka", kafka::isReachable);

            StatusBoard board = new StatusBoard(redis);
            ReservationQueue queue = own(new ReservationQueue(config.kafkaBootstrap(), board, json));
            ReservationStatusPush statusPush = own(new ReservationStatusPush(redis));
            own(new ReservationWorker(config.kafkaBootstrap(), sellers(db), board, json)).start();

            Clock clock = Clock.systemUTC();
            WaitingRoom room = new WaitingRoom(redis, config.waitingRoom(), clock);
            own(new AdmissionTicker(redis, config.waitingRoom(), ADMISSION_TTL)).start();
            broadcaster = own(new RankBroadcaster(redis, json, clock)).start();
            ConcertStore concerts = new ConcertStore(db);

            var features = new HttpServer.Features(
                    new HealthRoutes(dependencies),
                    new AdmissionCheck(redis),
                    new ConcertRoutes(concerts, input, room::forget),
                    new UserRoutes(new UserStore(db), input),
                    new ReservationRoutes(strategies(db, redis), new ReservationStore(db), input),
                    new AsyncReservationRoutes(queue, board, statusPush, input),
                    new WaitingRoomRoutes(room, broadcaster, concerts, input));
            http = own(new HttpServer(json, features, config.port())).start();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private ReservationRoutes.Strategies strategies(Database db, RedissonClient redis) {
        return new ReservationRoutes.Strategies(
                new OptimisticReserver(db, config.optimisticRetries()),
                new PessimisticReserver(db, PESSIMISTIC_LOCK_TIMEOUT),
                new DistributedLockReserver(redis, db, new OptimisticReserver(db, 0), DISTRIBUTED_LOCK_WAIT));
    }

    private ReservationWorker.Sellers sellers(Database db) {
        return new ReservationWorker.Sellers(new OptimisticReserver(db, 0), new PessimisticReserver(db, PESSIMISTIC_LOCK_TIMEOUT),
                new ReservationStore(db));
    }

    public int port() {
        return http.port();
    }

    /** Waiting-room SSE subscribers this instance holds. */
    public int waitingRoomSubscribers() {
        return broadcaster.subscriberCount();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.err.println("server-lite: error while stopping: " + e.getMessage());
            }
        }
    }
}
