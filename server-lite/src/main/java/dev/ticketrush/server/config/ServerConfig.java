package dev.ticketrush.server.config;

import dev.ticketrush.server.waitingroom.Throttle;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Everything server-lite needs to start, as one immutable value. Built by the CLI from flags,
 * which default to the {@code TICKETRUSH_*} environment variables.
 *
 * @param port           HTTP port; 0 picks a free one
 * @param dbUrl          JDBC URL of PostgreSQL
 * @param dbUser         database user
 * @param dbPassword     database password, may be empty
 * @param dbPoolSize     maximum JDBC connections
 * @param redisUrl       {@code redis://host:port[/db]}
 * @param kafkaBootstrap Kafka bootstrap servers, {@code host:port[,host:port]}
 * @param optimisticRetries how often v1 retries a lost version race before answering 409; 0 = never
 * @param waitingRoom       default capacity and admission rate of every concert's waiting room
 */
public record ServerConfig(
        int port,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        String redisUrl,
        String kafkaBootstrap,
        int optimisticRetries,
        Throttle waitingRoom) {

    public static final String LOCAL_DB_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    public static final String LOCAL_REDIS_URL = "redis://127.0.0.1:6379";
    public static final String LOCAL_KAFKA = "127.0.0.1:9092";

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (optimisticRetries < 0 || optimisticRetries > 10) throw new IllegalArgumentException("optimistic retries must be 0..10, got " + optimisticRetries);
        if (dbPoolSize < 1) throw new IllegalArgumentException("database pool size must be at least 1");
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        if (!dbUrl.startsWith("jdbc:postgresql:")) throw new IllegalArgumentException("database URL must start with jdbc:postgresql:, got " + dbUrl);
        URI redis = URI.create(redisUrl);
        if (!"redis".equals(redis.getScheme()) || redis.getHost() == null) {
            throw new IllegalArgumentException("Redis URL must look like redis://host:port, got " + redisUrl);
        }
        waitingRoom = (waitingRoom == null ? Throttle.DEFAULT : waitingRoom).validated();
        dbUser = dbUser == null ? "postgres" : dbUser;
        dbPassword = dbPassword == null ? "" : dbPassword;
    }

    /** The machine's own services on their default ports, overridden by {@code TICKETRUSH_*} variables. */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        return new ServerConfig(
                Integer.parseInt(env.getOrDefault("TICKETRUSH_PORT", "8080")),
                env.getOrDefault("TICKETRUSH_DB_URL", LOCAL_DB_URL),
                env.getOrDefault("TICKETRUSH_DB_USER", "postgres"),
                env.getOrDefault("TICKETRUSH_DB_PASSWORD", ""),
                Integer.parseInt(env.getOrDefault("TICKETRUSH_DB_POOL", "16")),
                env.getOrDefault("TICKETRUSH_REDIS_URL", LOCAL_REDIS_URL),
                env.getOrDefault("TICKETRUSH_KAFKA_BOOTSTRAP", LOCAL_KAFKA),
                Integer.parseInt(env.getOrDefault("TICKETRUSH_OPTIMISTIC_RETRIES", "0")),
                new Throttle(Integer.valueOf(env.getOrDefault("TICKETRUSH_QUEUE_CAPACITY", "100")),
                        Integer.valueOf(env.getOrDefault("TICKETRUSH_ADMIT_COUNT", "10")),
                        Long.valueOf(env.getOrDefault("TICKETRUSH_ADMIT_INTERVAL_MS", "10000"))));
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, dbUrl, dbUser, dbPassword, dbPoolSize, redisUrl, kafkaBootstrap, optimisticRetries, waitingRoom);
    }
}
