package dev.ticketrush.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * PostgreSQL, Redis and Kafka for a machine that has only a JDK: each part not given by URL is
 * started, all in parallel, on free ports, with data in one temp folder removed on close. Kafka is a
 * {@link LocalKafkaCluster}: one broker, or three when the loss of one must not stop the async queue.
 */
public final class EmbeddedStack implements AutoCloseable {

    /** Where each service listens, whether started here or given. */
    public record Endpoints(String dbUrl, String redisUrl, String kafkaBootstrap) {
    }

    private final Path dataDir;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Endpoints endpoints;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> kafkaServing;
    private volatile LocalKafkaCluster kafkaCluster;

    /** Starts what is missing, Kafka as a single broker; a non-null URL means that part is used as it is. */
    public EmbeddedStack(String givenDbUrl, String givenRedisUrl, String givenKafkaBootstrap) {
        this(givenDbUrl, givenRedisUrl, givenKafkaBootstrap, 1);
    }

    /** Starts what is missing, Kafka as a cluster of {@code kafkaBrokers} nodes (3 survive the loss of any one). */
    public EmbeddedStack(String givenDbUrl, String givenRedisUrl, String givenKafkaBootstrap, int kafkaBrokers) {
        this(givenDbUrl, givenRedisUrl, givenKafkaBootstrap, kafkaBrokers, true);
    }

    /**
     * Starts what is missing, Kafka as a single broker, and returns once PostgreSQL and Redis serve and Kafka's broker
     * is launched: its JVM takes the longest, and a server can open everything else meanwhile. {@link #kafkaServing()}
     * completes once the broker serves.
     */
    public static EmbeddedStack withKafkaStarting(String givenDbUrl, String givenRedisUrl, String givenKafkaBootstrap) {
        return new EmbeddedStack(givenDbUrl, givenRedisUrl, givenKafkaBootstrap, 1, false);
    }

    private EmbeddedStack(String givenDbUrl, String givenRedisUrl, String givenKafkaBootstrap, int kafkaBrokers, boolean awaitKafka) {
        try {
            this.dataDir = Files.createTempDirectory("ticket-rush-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var postgres = startUnless(givenDbUrl, () -> new LocalPostgres(dataDir.resolve("postgres")), LocalPostgres::jdbcUrl);
        var redis = startUnless(givenRedisUrl, () -> new LocalRedis(createDir("redis")), LocalRedis::url);
        Path kafkaDir = dataDir.resolve("kafka");
        var kafka = startUnless(givenKafkaBootstrap, () -> kafkaCluster = awaitKafka ? new LocalKafkaCluster(kafkaDir, kafkaBrokers)
                : LocalKafkaCluster.launch(kafkaDir, kafkaBrokers), LocalKafkaCluster::bootstrap);
        try {
            CompletableFuture.allOf(postgres, redis, kafka).join();
            this.endpoints = new Endpoints(postgres.join(), redis.join(), kafka.join());
        } catch (CompletionException e) {
            CompletableFuture.allOf(postgres, redis, kafka).exceptionally(ignored -> null).join();
            close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        LocalKafkaCluster launched = kafkaCluster;
        this.kafkaServing = awaitKafka || launched == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(launched::awaitServing, runnable -> Thread.ofPlatform().name("stack-kafka").daemon().start(runnable));
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** Completes once the stack's Kafka serves (at once unless made by {@link #withKafkaStarting}); exceptionally if it never will. */
    public CompletableFuture<Void> kafkaServing() {
        return kafkaServing;
    }

    /** The Kafka cluster this stack started, if it started one (not when a bootstrap was given). */
    public Optional<LocalKafkaCluster> kafkaCluster() {
        return Optional.ofNullable(kafkaCluster);
    }

    private interface Starter<T> {
        T start();
    }

    private <T extends AutoCloseable> CompletableFuture<String> startUnless(String given, Starter<T> starter, Function<T, String> address) {
        if (given != null) return CompletableFuture.completedFuture(given);
        return CompletableFuture.supplyAsync(() -> {
            T service = starter.start();
            synchronized (started) {
                started.push(service);
            }
            return address.apply(service);
        }, runnable -> Thread.ofPlatform().name("stack-start").start(runnable));
    }

    private Path createDir(String name) {
        try {
            return Files.createDirectories(dataDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) return;
        synchronized (started) {
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception e) {
                    System.err.println("ticket-rush: could not stop an embedded service: " + e.getMessage());
                }
            }
        }
        TempFolders.remove(dataDir);
    }
}
