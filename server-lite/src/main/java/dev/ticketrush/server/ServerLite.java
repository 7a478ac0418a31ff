package dev.ticketrush.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.ticketrush.server.asyncsale.AsyncSaleRoutes;
import dev.ticketrush.server.asyncsale.AsyncSaleWorker;
import dev.ticketrush.server.asyncsale.RequestIds;
import dev.ticketrush.server.asyncsale.SaleIntake;
import dev.ticketrush.server.asyncsale.SaleRequests;
import dev.ticketrush.server.asyncsale.StatusBoard;
import dev.ticketrush.server.asyncsale.StatusLookup;
import dev.ticketrush.server.asyncsale.StatusPush;
import dev.ticketrush.server.concert.Catalogue;
import dev.ticketrush.server.concert.CatalogueChanges;
import dev.ticketrush.server.concert.ConcertRoutes;
import dev.ticketrush.server.concert.ConcertStore;
import dev.ticketrush.server.drill.InstanceCrash;
import dev.ticketrush.server.health.HealthRoutes;
import dev.ticketrush.server.http.ClientAddress;
import dev.ticketrush.server.http.HttpServer;
import dev.ticketrush.server.http.Json;
import dev.ticketrush.server.http.RequestInput;
import dev.ticketrush.server.http.StreamQuota;
import dev.ticketrush.server.infra.Database;
import dev.ticketrush.server.infra.DependencyHealth;
import dev.ticketrush.server.infra.DeploymentClaim;
import dev.ticketrush.server.infra.KafkaTopics;
import dev.ticketrush.server.infra.LuaScripts;
import dev.ticketrush.server.infra.Opening;
import dev.ticketrush.server.infra.RedisConnection;
import dev.ticketrush.server.infra.RedisKeys;
import dev.ticketrush.server.infra.StartupWait;
import dev.ticketrush.server.metrics.ConcertReadings;
import dev.ticketrush.server.metrics.InstanceGauges;
import dev.ticketrush.server.metrics.MetricsRoutes;
import dev.ticketrush.server.metrics.RouteTimings;
import dev.ticketrush.server.metrics.SaleCounters;
import dev.ticketrush.server.operator.OperatorRoutes;
import dev.ticketrush.server.pages.PageRoutes;
import dev.ticketrush.server.reservation.DistributedLockReserver;
import dev.ticketrush.server.reservation.OptimisticSale;
import dev.ticketrush.server.reservation.PessimisticSale;
import dev.ticketrush.server.reservation.ReservationRoutes;
import dev.ticketrush.server.reservation.ReservationStore;
import dev.ticketrush.server.reservation.TransactionalReserver;
import dev.ticketrush.server.user.UserRoutes;
import dev.ticketrush.server.user.UserStore;
import dev.ticketrush.server.waitingroom.AdmissionCheck;
import dev.ticketrush.server.waitingroom.AdmissionTicker;
import dev.ticketrush.server.waitingroom.AdmissionTokens;
import dev.ticketrush.server.waitingroom.JoinRateLimit;
import dev.ticketrush.server.waitingroom.RankBroadcaster;
import dev.ticketrush.server.waitingroom.WaitingRoom;
import dev.ticketrush.server.waitingroom.WaitingRoomRoutes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.redisson.api.RedissonClient;
import redis.clients.jedis.JedisPooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Wires every feature from one {@link ServerConfig}; {@link #start} opens the port, {@link #close} releases everything. */
public final class ServerLite implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLite.class);

    /** The contract's wait for {@code lock:seat:{seatId}}. */
    private static final Duration DISTRIBUTED_LOCK_WAIT = Duration.ofSeconds(10);

    private final ServerConfig config;
    private final Runnable awaitKafka;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private HttpServer http;
    private RankBroadcaster broadcaster;

    public ServerLite(ServerConfig config) {
        this(config, () -> { });
    }

    /** @param awaitKafka waits until Kafka serves (a broker still starting), run before Kafka's side opens and beside the rest */
    public ServerLite(ServerConfig config, Runnable awaitKafka) {
        this.config = config;
        this.awaitKafka = awaitKafka;
    }

    /** Opens the port once every dependency answers, retrying those not up yet for the configured startup wait. */
    public ServerLite start() {
        return new StartupWait(config.startupWait()).retry(this::open, this::close);
    }

    private ServerLite open() {
        try {
            ObjectMapper json = Json.mapper();
            RequestInput input = new RequestInput(json);
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            resources.push(metrics::close);
            // Redis' clients and Kafka's topic open while Flyway migrates: start-up takes the slowest, not the sum
            Opening<RedissonClient> redisson = own(Opening.start("redisson", () -> RedisConnection.open(config.redisUrl()), RedissonClient::shutdown));
            Opening<JedisPooled> jedis = own(Opening.start("jedis", () -> RedisConnection.openForScripts(config.redisUrl()), JedisPooled::close));
            Opening<KafkaTopics> topics = own(Opening.start("kafka-topics", this::topics, KafkaTopics::close));
            Database db = own(new Database(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize(),
                    new MicrometerMetricsTrackerFactory(metrics)));
            RedissonClient redis = redisson.get();
            LuaScripts scripts = own(new LuaScripts(jedis.get()));
            DeploymentClaim claim = own(new DeploymentClaim(redis, DeploymentClaim.identify(db, config.dbUrl()), config.redisUrl(), config.resetRedis()));
            // probed from start() on, once the sale queue below has its topic
            DependencyHealth health = own(new DependencyHealth(List.of(new DependencyHealth.Probe("postgres", db::answers),
                    new DependencyHealth.Probe("redis", () -> RedisConnection.answers(redis)), new DependencyHealth.Probe("kafka", () -> topics.get().isReachable()))));

            StatusBoard board = new StatusBoard(redis, scripts, claim.deploymentId());
            SaleRequests requests = new SaleRequests(db, board);
            SaleCounters saleCounts = new SaleCounters(metrics);
            SaleRequests settlements = new SaleRequests(own(db.secondPool("ticket-rush-worker", config.workerPoolSize())), board);
            RequestIds ids = own(new RequestIds(db));
            // Kafka's side opens on its own thread while the waiting room and the routes are built: with an embedded broker
            // still starting, that work no longer waits behind it
            Opening<SaleQueue> queueOpening = own(Opening.start("sale-queue", () -> saleQueue(topics.get(), claim.deploymentId(),
                    new SaleQueueParts(ids, settlements, board, json, () -> health.isUp("kafka"), saleCounts)), SaleQueue::close));
            StatusPush push = own(new StatusPush(redis, board.channel()));

            Access access = config.access();
            String admissions = RedisKeys.channel(claim.deploymentId(), "admissions");
            WaitingRoom room = new WaitingRoom(redis, scripts, config.waitingRoom(), config.admissionTtl(), admissions);
            ConcertStore concerts = new ConcertStore(db, List.of(requests, (c, concertId) -> () -> room.forget(concertId)));
            Catalogue catalogue = new Catalogue(concerts, json);
            own(new CatalogueChanges(db, catalogue)).start();
            AdmissionCheck admission = new AdmissionCheck(scripts, access.admission(), AdmissionTokens.of(db, Clock.systemUTC()), catalogue::concertOfSeat);
            own(new AdmissionTicker(redis, scripts, config.waitingRoom(), config.admissionTtl(), admissions)).start();
            broadcaster = own(new RankBroadcaster(redis, room, admission, json, Clock.systemUTC(), admissions,
                    RedisConnection.databaseIndex(config.redisUrl()))).start();
            AdminGate admin = new AdminGate(access.adminToken());
            ClientAddress clients = new ClientAddress(access.trustedProxies());
            StreamQuota streams = new StreamQuota(access.maxStreams(), access.maxStreamsPerAddress());
            RouteTimings timings = new RouteTimings(metrics);
            ConcertReadings readings = new ConcertReadings(concerts, room);
            SaleQueue queue = queueOpening.get();
            health.start();
            own(new InstanceGauges(metrics, new InstanceGauges.Sources(broadcaster::subscriberCount, streams::open, queue.worker()::lag)));

            Routes routes = new Routes(
                    new HealthRoutes(health),
                    admission,
                    admin,
                    claim::held,
                    new ConcertRoutes(concerts, catalogue, input, json),
                    new UserRoutes(new UserStore(db), input),
                    new ReservationRoutes(strategies(db, redis), new ReservationStore(db), admission, admin::admits, input),
                    new AsyncSaleRoutes(new AsyncSaleRoutes.Parts(queue.intake(), new StatusLookup(board, requests), push, requests, admission, streams, clients), input),
                    new WaitingRoomRoutes(new WaitingRoomRoutes.Parts(room, broadcaster, admission, new JoinRateLimit(access.joinsPerSecondPerAddress()),
                            streams, clients, catalogue::exists), input),
                    new Routes.Watching(new PageRoutes(input, catalogue::exists), new OperatorRoutes(readings, timings, streams, clients, json,
                            Clock.systemUTC()), new MetricsRoutes(metrics, readings)),
                    access.allowFaults() ? InstanceCrash.ofThisProcess() : null);
            http = own(new HttpServer(json, config.port(), config.h2c(), timings, routes::install)).start();
            if (access.allowFaults()) LOG.warn("faults allowed: POST /api/admin/faults/crash halts this instance (for drills; never in production)");
            if (access.adminToken() == null) LOG.warn("no admin token: anyone who reaches port {} may set up, clean up and configure sales "
                    + "(set --admin-token or TICKETRUSH_ADMIN_TOKEN)", http.port());
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Kafka's admin client, with the reservation topic made sure of. */
    private KafkaTopics topics() {
        awaitKafka.run();
        KafkaTopics kafka = new KafkaTopics(config.kafkaBootstrap());
        try {
            kafka.ensureTopic(config.kafkaTopic());
            return kafka;
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** What the sale queue's intake and worker share with the rest of the server. */
    private record SaleQueueParts(RequestIds ids, SaleRequests settlements, StatusBoard board, ObjectMapper json,
                                  BooleanSupplier kafkaAnswers, SaleCounters counts) {
    }

    /** Kafka's side of async sales: the intake that accepts requests and the worker that settles them. */
    private record SaleQueue(SaleIntake intake, AsyncSaleWorker worker) {
        void close() throws InterruptedException {
            worker.close();
            intake.close();
        }
    }

    /** Opens the sale queue once this deployment may use the consumer group; whatever opened is closed if a later part fails. */
    private SaleQueue saleQueue(KafkaTopics kafka, String deploymentId, SaleQueueParts parts) {
        kafka.requireGroupServes(config.kafkaGroup(), deploymentId);
        SaleIntake intake = new SaleIntake(config.kafkaBootstrap(), config.kafkaTopic(), deploymentId, parts.ids(), parts.board(), parts.json(),
                parts.kafkaAnswers(), parts.counts());
        try {
            var sales = new AsyncSaleWorker.Sales(new OptimisticSale(seatLimit()), new PessimisticSale(config.lockTimeout(), seatLimit()));
            return new SaleQueue(intake, new AsyncSaleWorker(config.kafkaBootstrap(), config.kafkaTopic(), config.kafkaGroup(), deploymentId,
                    sales, parts.settlements(), parts.board(), parts.json(), parts.counts(), config.workerPoolSize()).start());
        } catch (RuntimeException e) {
            intake.close();
            throw e;
        }
    }

    private ReservationRoutes.Strategies strategies(Database db, RedissonClient redis) {
        TransactionalReserver optimistic = new TransactionalReserver(db, new OptimisticSale(seatLimit()), config.optimisticRetries());
        return new ReservationRoutes.Strategies(
                optimistic,
                new TransactionalReserver(db, new PessimisticSale(config.lockTimeout(), seatLimit()), 0),
                new DistributedLockReserver(redis, db, new TransactionalReserver(db, new OptimisticSale(seatLimit()), 0), DISTRIBUTED_LOCK_WAIT));
    }

    private int seatLimit() {
        return config.access().seatLimitPerConcert();
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
