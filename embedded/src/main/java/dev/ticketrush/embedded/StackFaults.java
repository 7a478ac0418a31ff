package dev.ticketrush.embedded;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes a stack's services away for a while, for real, so a rehearsal sees what a dead host looks like: PostgreSQL and
 * Redis are reached through a {@link TcpRelay} that is cut (every connection dropped, new ones refused), and a Kafka
 * broker the stack started is killed with SIGKILL and restarted. Each outage heals itself after its duration.
 */
public final class StackFaults implements AutoCloseable {

    /** What can be taken away. */
    public enum Service {
        POSTGRES, REDIS, KAFKA;

        public static Service parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("no such service '" + name + "': postgres, redis or kafka");
            }
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final EmbeddedStack stack;
    private final TcpRelay postgres;
    private final TcpRelay redis;
    private final EmbeddedStack.Endpoints endpoints;
    private final Map<Service, Boolean> down = new ConcurrentHashMap<>();
    private final ScheduledExecutorService healer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("stack-healer").daemon().factory());

    /** Puts relays in front of the stack's PostgreSQL and Redis; servers must use {@link #endpoints()} from now on. */
    public StackFaults(EmbeddedStack stack) {
        this.stack = stack;
        EmbeddedStack.Endpoints direct = stack.endpoints();
        URI db = URI.create(direct.dbUrl().substring("jdbc:".length()));
        URI cache = URI.create(direct.redisUrl());
        this.postgres = new TcpRelay(db.getHost(), db.getPort() < 0 ? 5432 : db.getPort());
        this.redis = new TcpRelay(cache.getHost(), cache.getPort() < 0 ? 6379 : cache.getPort());
        this.endpoints = new EmbeddedStack.Endpoints(
                "jdbc:" + rehost(db, postgres.port()), rehost(cache, redis.port()).toString(), direct.kafkaBootstrap());
    }

    /** Where servers reach the services: PostgreSQL and Redis through the relays, Kafka as it is. */
    public EmbeddedStack.Endpoints endpoints() {
        return endpoints;
    }

    /**
     * Takes the service away now and brings it back after {@code outage}. Refused while it is already down, and for a
     * Kafka this stack did not start. With three brokers, one is killed: the queue is meant to carry on.
     */
    public synchronized String strike(Service service, Duration outage) {
        if (down.putIfAbsent(service, true) != null) throw new IllegalStateException(service.label() + " is already down");
        try {
            Runnable heal = takeAway(service);
            healer.schedule(() -> {
                try {
                    heal.run();
                } finally {
                    down.remove(service);
                }
            }, outage.toMillis(), TimeUnit.MILLISECONDS);
            return service.label() + " down for " + outage.toSeconds() + " s";
        } catch (RuntimeException e) {
            down.remove(service);
            throw e;
        }
    }

    private Runnable takeAway(Service service) {
        return switch (service) {
            case POSTGRES -> cut(postgres);
            case REDIS -> cut(redis);
            case KAFKA -> {
                LocalKafkaCluster kafka = stack.kafkaCluster().orElseThrow(() -> new IllegalStateException("kafka is not this stack's to stop"));
                int broker = kafka.nodes().getFirst().id();
                kafka.kill(broker);
                yield () -> kafka.restart(broker);
            }
        };
    }

    private static Runnable cut(TcpRelay relay) {
        relay.cut();
        return relay::restore;
    }

    private static URI rehost(URI uri, int port) {
        return URI.create(uri.getScheme() + "://127.0.0.1:" + port + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    @Override
    public void close() {
        healer.shutdownNow();
        postgres.close();
        redis.close();
    }
}
