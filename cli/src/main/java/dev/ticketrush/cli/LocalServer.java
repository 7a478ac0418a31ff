package dev.ticketrush.cli;

import dev.ticketrush.server.ServerLite;
import dev.ticketrush.server.config.ServerConfig;
import dev.ticketrush.server.infra.EmbeddedStack;
import dev.ticketrush.server.infra.FreePort;
import dev.ticketrush.server.waitingroom.Throttle;

import java.io.PrintWriter;
import java.net.URI;

/** A server-lite in this JVM, on given services or on an embedded stack for the missing ones. */
final class LocalServer implements AutoCloseable {

    private final EmbeddedStack stack;
    private final ServerLite server;
    private final String redisUrl;

    LocalServer(StackOptions services, boolean embedded, int port, PrintWriter out) {
        long started = System.nanoTime();
        if (embedded) {
            out.println("Starting the embedded stack (PostgreSQL, Redis, Kafka) for what no URL names...");
            out.flush();
            this.stack = new EmbeddedStack(services.dbUrl, services.redisUrl, services.kafkaBootstrap);
        } else {
            this.stack = null;
        }
        String dbUrl = stack != null ? stack.endpoints().dbUrl() : orDefault(services.dbUrl, ServerConfig.LOCAL_DB_URL);
        String redisUrl = stack != null ? stack.endpoints().redisUrl() : orDefault(services.redisUrl, ServerConfig.LOCAL_REDIS_URL);
        String kafka = stack != null ? stack.endpoints().kafkaBootstrap() : orDefault(services.kafkaBootstrap, ServerConfig.LOCAL_KAFKA);
        this.redisUrl = redisUrl;
        try {
            ServerConfig config = new ServerConfig(port, dbUrl, services.dbUser, services.dbPassword, services.dbPool, redisUrl, kafka,
                    services.optimisticRetries, new Throttle(services.queueCapacity, services.admitCount, services.admitIntervalMs));
            if (stack == null) requireReachable(config);
            this.server = new ServerLite(config).start();
        } catch (IllegalArgumentException e) {
            close();
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, e.getMessage());
        } catch (RuntimeException e) {
            close();
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "server did not start: " + rootMessage(e));
        }
        out.printf("server-lite listening on %s (started in %.1f s)%n  postgres %s%n  redis    %s%n  kafka    %s%n",
                baseUrl(), (System.nanoTime() - started) / 1e9, dbUrl, redisUrl, kafka);
        out.flush();
    }

    String redisUrl() {
        return redisUrl;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    private static void requireReachable(ServerConfig config) {
        URI db = URI.create(config.dbUrl().substring("jdbc:".length()));
        check("PostgreSQL", db.getHost(), db.getPort() < 0 ? 5432 : db.getPort(), "--db-url");
        URI redis = URI.create(config.redisUrl());
        check("Redis", redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort(), "--redis-url");
        String first = config.kafkaBootstrap().split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        check("Kafka", first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)), "--kafka-bootstrap");
    }

    private static void check(String service, String host, int port, String flag) {
        if (!FreePort.isListening(host, port)) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION,
                    service + " is not reachable at " + host + ":" + port + "; start it, point " + flag + " at one, or use --embedded");
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        if (server != null) server.close();
        if (stack != null) stack.close();
    }
}
