package dev.ticketrush.cli;

import dev.ticketrush.server.Access;
import dev.ticketrush.server.ServerConfig;
import dev.ticketrush.server.infra.KafkaTopics;
import dev.ticketrush.server.waitingroom.AdmissionRule;
import dev.ticketrush.server.waitingroom.Throttle;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * Where the server's PostgreSQL, Redis and Kafka are and how it behaves. Every flag left out falls back to its
 * {@code TICKETRUSH_*} variable, then to the server's own default: the defaults live in {@link ServerConfig} alone.
 */
public final class StackOptions {

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL (env TICKETRUSH_DB_URL; default " + ServerConfig.DEFAULT_DB_URL + ", or embedded with --embedded).")
    String dbUrl;

    @Option(names = "--db-user", description = "PostgreSQL user (env TICKETRUSH_DB_USER; default " + ServerConfig.DEFAULT_DB_USER + ").")
    String dbUser;

    @Option(names = "--db-password", description = "PostgreSQL password (env TICKETRUSH_DB_PASSWORD; default empty).")
    String dbPassword;

    @Option(names = "--db-pool", description = "Maximum database connections (env TICKETRUSH_DB_POOL; default " + ServerConfig.DEFAULT_DB_POOL + ").")
    Integer dbPool;

    @Option(names = "--worker-db-pool",
            description = "Database connections of the async worker, apart from the requests'; it settles as many lanes of requests side by side (env TICKETRUSH_WORKER_DB_POOL; default " + ServerConfig.DEFAULT_WORKER_POOL + ").")
    Integer workerPool;

    @Option(names = "--redis-url", paramLabel = "URL",
            description = "Redis URL redis://host:port[/db] (env TICKETRUSH_REDIS_URL; default " + ServerConfig.DEFAULT_REDIS_URL + ", or embedded with --embedded).")
    String redisUrl;

    @Option(names = "--reset-redis",
            description = "Delete every Ticket-Rush key in that Redis database first: for a database that served another deployment, whose state must not leak in.")
    boolean resetRedis;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (env TICKETRUSH_KAFKA_BOOTSTRAP; default " + ServerConfig.DEFAULT_KAFKA + ", or an embedded broker with --embedded).")
    String kafkaBootstrap;

    @Option(names = "--kafka-topic",
            description = "Topic of async requests (env TICKETRUSH_KAFKA_TOPIC; default the contract's " + KafkaTopics.RESERVATION_EVENTS + "); another deployment on the same Kafka needs its own.")
    String kafkaTopic;

    @Option(names = "--kafka-group",
            description = "Consumer group of the async worker (env TICKETRUSH_KAFKA_GROUP; default the contract's " + KafkaTopics.GROUP + "); another deployment on the same Kafka needs its own.")
    String kafkaGroup;

    @Option(names = "--optimistic-retries",
            description = "How often v1 (optimistic) retries a lost version race before answering 409, 0 to 10 (env TICKETRUSH_OPTIMISTIC_RETRIES; default " + ServerConfig.DEFAULT_OPTIMISTIC_RETRIES + ": a retry nearly always finds the seat sold).")
    Integer optimisticRetries;

    @Option(names = "--lock-timeout-ms",
            description = "How long v2 (pessimistic) waits for a seat's row lock before answering 409 (env TICKETRUSH_LOCK_TIMEOUT_MS; default " + ServerConfig.DEFAULT_LOCK_TIMEOUT_MS + ").")
    Long lockTimeoutMs;

    @Option(names = "--queue-capacity",
            description = "Default waiting-room capacity per concert; joins beyond it are REJECTED (env TICKETRUSH_QUEUE_CAPACITY; default " + Throttle.DEFAULT_CAPACITY + ").")
    Integer queueCapacity;

    @Option(names = "--admit-count", description = "Default number of waiters admitted per batch (env TICKETRUSH_ADMIT_COUNT; default " + Throttle.DEFAULT_ADMIT_COUNT + ").")
    Integer admitCount;

    @Option(names = "--admit-interval-ms",
            description = "Default time between admission batches in ms (env TICKETRUSH_ADMIT_INTERVAL_MS; default " + Throttle.DEFAULT_ADMIT_INTERVAL_MS + "); per concert: PUT /api/v1/waiting-queue/config/{concertId}.")
    Long admitIntervalMs;

    @Option(names = "--admin-token", paramLabel = "TOKEN",
            description = "Admin actions (setup, cleanup, user deletion, room settings, admissions) need Authorization: Bearer TOKEN (env TICKETRUSH_ADMIN_TOKEN; default none: open, with a warning).")
    String adminToken;

    @Option(names = "--admission", converter = AdmissionRuleName.class,
            description = "What a reservation must show about its buyer: strict (a User-Id naming the body's admitted buyer), contract (the original's rule: User-Id optional), signed (strict plus the Admission-Token the server signed on ACTIVE) (env TICKETRUSH_ADMISSION; default strict).")
    AdmissionRule admission;

    @Option(names = "--seat-limit", description = "Live reservations one buyer may hold per concert (env TICKETRUSH_SEAT_LIMIT; default " + Access.DEFAULT_SEAT_LIMIT + ").")
    Integer seatLimit;

    @Option(names = "--join-rate", paramLabel = "PER_SECOND",
            description = "Waiting-room joins one client address may make per second, loopback exempt, 0 for no limit (env TICKETRUSH_JOIN_RATE; default " + Access.DEFAULT_JOINS_PER_SECOND + ").")
    Integer joinRate;

    @Option(names = "--trusted-proxies", paramLabel = "ADDRESSES",
            description = "Comma-separated addresses of load balancers whose X-Forwarded-For names the client (env TICKETRUSH_TRUSTED_PROXIES; default none).")
    String trustedProxies;

    @Option(names = "--max-streams", description = "Event streams one instance holds at most; beyond, 503 (env TICKETRUSH_MAX_STREAMS; default: as many as the heap holds, "
            + "about 16 KB each, at most " + Access.DEFAULT_MAX_STREAMS + ").")
    Integer maxStreams;

    @Option(names = "--max-streams-per-address",
            description = "Event streams one client address may hold, loopback exempt; beyond, 429 (env TICKETRUSH_MAX_STREAMS_PER_ADDRESS; default " + Access.DEFAULT_MAX_STREAMS_PER_ADDRESS + ").")
    Integer maxStreamsPerAddress;

    @Option(names = "--allow-faults",
            description = {"Let an admin crash this instance on request (POST /api/admin/faults/crash), for 'rush --chaos kill-instance';",
                    "with --embedded, also serve a fault control that takes the stack's services away for a while. For drills only (env TICKETRUSH_ALLOW_FAULTS)."})
    Boolean allowFaults;

    @Option(names = "--h2c",
            description = {"Also speak cleartext HTTP/2 on the HTTP port, to clients that ask for it: many event streams share one connection,",
                    "as behind a proxy that multiplexes. Oversized headers end the HTTP/2 connection where HTTP/1.1 answers 431:",
                    "for a proxy or load tool you trust (env TICKETRUSH_H2C; default off)."})
    Boolean h2c;

    /** Reads admission rule names in lower case. */
    static final class AdmissionRuleName implements picocli.CommandLine.ITypeConverter<AdmissionRule> {
        @Override
        public AdmissionRule convert(String value) {
            try {
                return AdmissionRule.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The PostgreSQL URL named by flag or variable, or null: with --embedded, null means start one. */
    String givenDbUrl(Map<String, String> env) {
        return dbUrl != null ? dbUrl : env.get("TICKETRUSH_DB_URL");
    }

    String givenRedisUrl(Map<String, String> env) {
        return redisUrl != null ? redisUrl : env.get("TICKETRUSH_REDIS_URL");
    }

    String givenKafkaBootstrap(Map<String, String> env) {
        return kafkaBootstrap != null ? kafkaBootstrap : env.get("TICKETRUSH_KAFKA_BOOTSTRAP");
    }

    /** The server's configuration: defaults, then variables, then these flags. */
    ServerConfig.Builder config(Map<String, String> env) {
        return ServerConfig.fromEnvironment(env).dbUrl(dbUrl).dbUser(dbUser).dbPassword(dbPassword).dbPoolSize(dbPool).workerPoolSize(workerPool).redisUrl(redisUrl)
                .kafkaBootstrap(kafkaBootstrap).kafkaTopic(kafkaTopic).kafkaGroup(kafkaGroup).optimisticRetries(optimisticRetries).lockTimeoutMs(lockTimeoutMs).queueCapacity(queueCapacity)
                .admitCount(admitCount).admitIntervalMs(admitIntervalMs).resetRedis(resetRedis).adminToken(adminToken).admission(admission)
                .seatLimitPerConcert(seatLimit).joinsPerSecondPerAddress(joinRate).trustedProxies(trustedProxies).maxStreams(maxStreams)
                .maxStreamsPerAddress(maxStreamsPerAddress).allowFaults(allowFaults).h2c(h2c);
    }
}
