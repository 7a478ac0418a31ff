package dev.ticketrush.server;

import dev.ticketrush.server.infra.KafkaTopics;
import dev.ticketrush.server.waitingroom.AdmissionRule;
import dev.ticketrush.server.waitingroom.Throttle;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything server-lite needs to start, as one immutable value. Every default is written once, here; the CLI's
 * flags and the {@code TICKETRUSH_*} environment variables override them through {@link Builder}.
 *
 * @param port              HTTP port; 0 picks a free one
 * @param dbUrl             JDBC URL of PostgreSQL
 * @param dbUser            database user
 * @param dbPassword        database password, may be empty
 * @param dbPoolSize        maximum JDBC connections of the HTTP requests
 * @param workerPoolSize    maximum JDBC connections of the async worker, which has a pool of its own so it never starves the requests
 * @param redisUrl          {@code redis://host:port[/db]}
 * @param kafkaBootstrap    Kafka bootstrap servers, {@code host:port[,host:port]}
 * @param kafkaTopic        topic of async requests; the contract's unless two deployments share one Kafka
 * @param kafkaGroup        consumer group of the async worker; likewise
 * @param optimisticRetries how often v1 retries a lost version race before answering 409; 0 = never
 * @param lockTimeout       how long v2 waits for a seat's row lock before answering 409
 * @param admissionTtl      how long an admission ({@code active-user:{userId}}) lasts
 * @param waitingRoom       default capacity and admission rate of every concert's waiting room
 * @param resetRedis        delete Ticket-Rush's keys in the Redis database first, whoever wrote them
 * @param access            who may do what: the admin token, the admission rule, per-buyer and per-address limits
 * @param startupWait       how long start keeps retrying PostgreSQL, Redis and Kafka that are not up yet before it gives up
 * @param h2c               also speak cleartext HTTP/2 on the port, for clients that ask (upgrade or prior knowledge): many
 *                          event streams share one connection, as behind a proxy that multiplexes
 */
public record ServerConfig(
        int port,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        int workerPoolSize,
        String redisUrl,
        String kafkaBootstrap,
        String kafkaTopic,
        String kafkaGroup,
        int optimisticRetries,
        Duration lockTimeout,
        Duration admissionTtl,
        Throttle waitingRoom,
        boolean resetRedis,
        Access access,
        Duration startupWait,
        boolean h2c) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_DB_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    public static final String DEFAULT_DB_USER = "postgres";
    public static final int DEFAULT_DB_POOL = 16;
    /** Lanes the worker settles side by side, one connection each: with 6 it fell behind a burst on 2 cores, with 12 it kept up (bench/run). */
    public static final int DEFAULT_WORKER_POOL = 12;
    /** A retry almost always finds the seat sold: off. */
    public static final int DEFAULT_OPTIMISTIC_RETRIES = 0;
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
    public static final String DEFAULT_KAFKA = "127.0.0.1:9092";
    /** Long enough for any honest queue of row-lock waiters, short enough that a stuck transaction frees the thread. */
    public static final long DEFAULT_LOCK_TIMEOUT_MS = 5_000;
    /** The contract's admission TTL of {@code active-user:{userId}}. */
    public static final long DEFAULT_ADMISSION_TTL_SECONDS = 300;
    /** Long enough for a compose stack's PostgreSQL, Redis and Kafka to come up beside the server. */
    public static final long DEFAULT_STARTUP_WAIT_SECONDS = 120;

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (optimisticRetries < 0 || optimisticRetries > 10) throw new IllegalArgumentException("optimistic retries must be 0..10, got " + optimisticRetries);
        if (dbPoolSize < 1) throw new IllegalArgumentException("database pool size must be at least 1, got " + dbPoolSize);
        if (workerPoolSize < 1) throw new IllegalArgumentException("worker pool size must be at least 1, got " + workerPoolSize);
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        if (kafkaTopic == null || !kafkaTopic.matches("[a-zA-Z0-9._-]{1,200}")) throw new IllegalArgumentException("Kafka topic must be 1..200 of a-z A-Z 0-9 . _ -, got " + kafkaTopic);
        if (kafkaGroup == null || kafkaGroup.isBlank()) throw new IllegalArgumentException("Kafka consumer group must not be blank");
        Objects.requireNonNull(waitingRoom, "waitingRoom");
        Objects.requireNonNull(access, "access");
        if (!dbUrl.startsWith("jdbc:postgresql:")) throw new IllegalArgumentException("database URL must start with jdbc:postgresql:, got " + dbUrl);
        URI redis = URI.create(Objects.requireNonNull(redisUrl, "redisUrl"));
        if (!"redis".equals(redis.getScheme()) || redis.getHost() == null) {
            throw new IllegalArgumentException("Redis URL must look like redis://host:port[/db], got " + redisUrl);
        }
        if (lockTimeout.isNegative() || lockTimeout.isZero()) throw new IllegalArgumentException("lock timeout must be positive");
        if (admissionTtl.toSeconds() < 1) throw new IllegalArgumentException("admission TTL must be at least 1 s");
        if (startupWait == null || startupWait.isNegative()) throw new IllegalArgumentException("startup wait must be 0 s or more");
        dbUser = dbUser == null ? DEFAULT_DB_USER : dbUser;
        dbPassword = dbPassword == null ? "" : dbPassword;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults, overridden by whichever {@code TICKETRUSH_*} variables are set. */
    public static Builder fromEnvironment(Map<String, String> env) {
        Builder b = builder();
        read(env, "TICKETRUSH_PORT", Integer::valueOf, b::port);
        read(env, "TICKETRUSH_DB_URL", Function.identity(), b::dbUrl);
        read(env, "TICKETRUSH_DB_USER", Function.identity(), b::dbUser);
        read(env, "TICKETRUSH_DB_PASSWORD", Function.identity(), b::dbPassword);
        read(env, "TICKETRUSH_DB_POOL", Integer::valueOf, b::dbPoolSize);
        read(env, "TICKETRUSH_WORKER_DB_POOL", Integer::valueOf, b::workerPoolSize);
        read(env, "TICKETRUSH_REDIS_URL", Function.identity(), b::redisUrl);
        read(env, "TICKETRUSH_KAFKA_BOOTSTRAP", Function.identity(), b::kafkaBootstrap);
        read(env, "TICKETRUSH_KAFKA_TOPIC", Function.identity(), b::kafkaTopic);
        read(env, "TICKETRUSH_KAFKA_GROUP", Function.identity(), b::kafkaGroup);
        read(env, "TICKETRUSH_OPTIMISTIC_RETRIES", Integer::valueOf, b::optimisticRetries);
        read(env, "TICKETRUSH_LOCK_TIMEOUT_MS", Long::valueOf, b::lockTimeoutMs);
        read(env, "TICKETRUSH_QUEUE_CAPACITY", Integer::valueOf, b::queueCapacity);
        read(env, "TICKETRUSH_ADMIT_COUNT", Integer::valueOf, b::admitCount);
        read(env, "TICKETRUSH_ADMIT_INTERVAL_MS", Long::valueOf, b::admitIntervalMs);
        read(env, "TICKETRUSH_ADMIN_TOKEN", Function.identity(), b::adminToken);
        read(env, "TICKETRUSH_ADMISSION", AdmissionRule::parse, b::admission);
        read(env, "TICKETRUSH_SEAT_LIMIT", Integer::valueOf, b::seatLimitPerConcert);
        read(env, "TICKETRUSH_JOIN_RATE", Integer::valueOf, b::joinsPerSecondPerAddress);
        read(env, "TICKETRUSH_TRUSTED_PROXIES", Function.identity(), b::trustedProxies);
        read(env, "TICKETRUSH_MAX_STREAMS", Integer::valueOf, b::maxStreams);
        read(env, "TICKETRUSH_MAX_STREAMS_PER_ADDRESS", Integer::valueOf, b::maxStreamsPerAddress);
        read(env, "TICKETRUSH_ALLOW_FAULTS", Boolean::parseBoolean, b::allowFaults);
        read(env, "TICKETRUSH_STARTUP_WAIT_SECONDS", Long::valueOf, b::startupWaitSeconds);
        read(env, "TICKETRUSH_H2C", Boolean::parseBoolean, b::h2c);
        return b;
    }

    private static <T> void read(Map<String, String> env, String name, Function<String, T> parse, java.util.function.Consumer<T> set) {
        String value = env.get(name);
        if (value == null || value.isBlank()) return;
        try {
            set.accept(parse.apply(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }

    /** Builds a {@link ServerConfig} from the defaults; every setter ignores null, so optional flags pass straight through. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private String dbUrl = DEFAULT_DB_URL;
        private String dbUser = DEFAULT_DB_USER;
        private String dbPassword = "";
        private int dbPoolSize = DEFAULT_DB_POOL;
        private int workerPoolSize = DEFAULT_WORKER_POOL;
        private String redisUrl = DEFAULT_REDIS_URL;
        private String kafkaBootstrap = DEFAULT_KAFKA;
        private String kafkaTopic = KafkaTopics.RESERVATION_EVENTS;
        private String kafkaGroup = KafkaTopics.GROUP;
        private int optimisticRetries = DEFAULT_OPTIMISTIC_RETRIES;
        private long lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS;
        private long admissionTtlSeconds = DEFAULT_ADMISSION_TTL_SECONDS;
        private int queueCapacity = Throttle.DEFAULT.capacity();
        private int admitCount = Throttle.DEFAULT.admitCount();
        private long admitIntervalMs = Throttle.DEFAULT.admitIntervalMs();
        private boolean resetRedis;
        private String adminToken;
        private AdmissionRule admission = AdmissionRule.STRICT;
        private int seatLimitPerConcert = Access.DEFAULT_SEAT_LIMIT;
        private int joinsPerSecondPerAddress = Access.DEFAULT_JOINS_PER_SECOND;
        private String trustedProxies = "";
        private int maxStreams = Access.maxStreamsFitting(Runtime.getRuntime().maxMemory());
        private int maxStreamsPerAddress = Access.DEFAULT_MAX_STREAMS_PER_ADDRESS;
        private boolean allowFaults;
        private long startupWaitSeconds = DEFAULT_STARTUP_WAIT_SECONDS;
        private boolean h2c;

        private Builder() {
        }

        public Builder port(Integer value) { if (value != null) port = value; return this; }
        public Builder dbUrl(String value) { if (value != null) dbUrl = value; return this; }
        public Builder dbUser(String value) { if (value != null) dbUser = value; return this; }
        public Builder dbPassword(String value) { if (value != null) dbPassword = value; return this; }
        public Builder dbPoolSize(Integer value) { if (value != null) dbPoolSize = value; return this; }
        public Builder workerPoolSize(Integer value) { if (value != null) workerPoolSize = value; return this; }
        public Builder redisUrl(String value) { if (value != null) redisUrl = value; return this; }
        public Builder kafkaBootstrap(String value) { if (value != null) kafkaBootstrap = value; return this; }
        public Builder kafkaTopic(String value) { if (value != null) kafkaTopic = value; return this; }
        public Builder kafkaGroup(String value) { if (value != null) kafkaGroup = value; return this; }
        public Builder optimisticRetries(Integer value) { if (value != null) optimisticRetries = value; return this; }
        public Builder lockTimeoutMs(Long value) { if (value != null) lockTimeoutMs = value; return this; }
        public Builder admissionTtlSeconds(Long value) { if (value != null) admissionTtlSeconds = value; return this; }
        public Builder queueCapacity(Integer value) { if (value != null) queueCapacity = value; return this; }
        public Builder admitCount(Integer value) { if (value != null) admitCount = value; return this; }
        public Builder admitIntervalMs(Long value) { if (value != null) admitIntervalMs = value; return this; }
        public Builder resetRedis(boolean value) { resetRedis = value; return this; }
        public Builder adminToken(String value) { if (value != null) adminToken = value; return this; }
        public Builder admission(AdmissionRule value) { if (value != null) admission = value; return this; }
        public Builder seatLimitPerConcert(Integer value) { if (value != null) seatLimitPerConcert = value; return this; }
        public Builder joinsPerSecondPerAddress(Integer value) { if (value != null) joinsPerSecondPerAddress = value; return this; }
        public Builder trustedProxies(String value) { if (value != null) trustedProxies = value; return this; }
        public Builder maxStreams(Integer value) { if (value != null) maxStreams = value; return this; }
        public Builder maxStreamsPerAddress(Integer value) { if (value != null) maxStreamsPerAddress = value; return this; }
        public Builder allowFaults(Boolean value) { if (value != null) allowFaults = value; return this; }
        public Builder startupWaitSeconds(Long value) { if (value != null) startupWaitSeconds = value; return this; }
        public Builder h2c(Boolean value) { if (value != null) h2c = value; return this; }

        public String dbUrl() { return dbUrl; }
        public String redisUrl() { return redisUrl; }
        public String kafkaBootstrap() { return kafkaBootstrap; }
        public boolean allowFaults() { return allowFaults; }

        public ServerConfig build() {
            return new ServerConfig(port, dbUrl, dbUser, dbPassword, dbPoolSize, workerPoolSize, redisUrl, kafkaBootstrap, kafkaTopic, kafkaGroup, optimisticRetries,
                    Duration.ofMillis(lockTimeoutMs), Duration.ofSeconds(admissionTtlSeconds),
                    Throttle.of(queueCapacity, admitCount, admitIntervalMs), resetRedis,
                    new Access(adminToken, admission, seatLimitPerConcert, joinsPerSecondPerAddress, Access.addresses(trustedProxies), maxStreams,
                            maxStreamsPerAddress, allowFaults), Duration.ofSeconds(startupWaitSeconds), h2c);
        }
    }
}
