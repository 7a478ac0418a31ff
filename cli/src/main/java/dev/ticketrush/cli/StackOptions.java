package dev.ticketrush.cli;

import picocli.CommandLine.Option;

/** Where the server's PostgreSQL, Redis and Kafka are; an unset URL means the local default, or an embedded one. */
public final class StackOptions {

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:TICKETRUSH_DB_URL}",
            description = "PostgreSQL JDBC URL (env TICKETRUSH_DB_URL; default jdbc:postgresql://127.0.0.1:5432/postgres, or embedded with --embedded).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:TICKETRUSH_DB_USER:-postgres}", description = "PostgreSQL user (default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:TICKETRUSH_DB_PASSWORD:-}", description = "PostgreSQL password (env TICKETRUSH_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--db-pool", defaultValue = "${env:TICKETRUSH_DB_POOL:-16}", description = "Maximum database connections (default: ${DEFAULT-VALUE}).")
    int dbPool;

    @Option(names = "--redis-url", paramLabel = "URL", defaultValue = "${env:TICKETRUSH_REDIS_URL}",
            description = "Redis URL redis://host:port[/db] (env TICKETRUSH_REDIS_URL; default redis://127.0.0.1:6379, or embedded with --embedded).")
    String redisUrl;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT", defaultValue = "${env:TICKETRUSH_KAFKA_BOOTSTRAP}",
            description = "Kafka bootstrap servers (env TICKETRUSH_KAFKA_BOOTSTRAP; default 127.0.0.1:9092, or an embedded broker with --embedded).")
    String kafkaBootstrap;

    @Option(names = "--optimistic-retries", defaultValue = "${env:TICKETRUSH_OPTIMISTIC_RETRIES:-0}",
            description = "How often v1 (optimistic) retries a lost version race before answering 409, 0 to 10 (default: ${DEFAULT-VALUE}: a retry nearly always finds the seat sold).")
    int optimisticRetries;

    @Option(names = "--queue-capacity", defaultValue = "${env:TICKETRUSH_QUEUE_CAPACITY:-100}",
            description = "Default waiting-room capacity per concert; joins beyond it are REJECTED (default: ${DEFAULT-VALUE}).")
    int queueCapacity;

    @Option(names = "--admit-count", defaultValue = "${env:TICKETRUSH_ADMIT_COUNT:-10}",
            description = "Default number of waiters admitted per batch (default: ${DEFAULT-VALUE}).")
    int admitCount;

    @Option(names = "--admit-interval-ms", defaultValue = "${env:TICKETRUSH_ADMIT_INTERVAL_MS:-10000}",
            description = "Default time between admission batches in ms (default: ${DEFAULT-VALUE}); per concert: PUT /api/v1/waiting-queue/config/{concertId}.")
    long admitIntervalMs;
}
