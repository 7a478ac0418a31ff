package dev.ticketrush.cli;

import dev.ticketrush.cli.chaos.FaultControl;
import dev.ticketrush.embedded.EmbeddedStack;
import dev.ticketrush.embedded.StackFaults;
import dev.ticketrush.embedded.FreePort;
import dev.ticketrush.server.ServerConfig;
import dev.ticketrush.server.ServerLite;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;

/** A server-lite in this JVM, on given services or on an embedded stack for the missing ones. */
final class LocalServer implements AutoCloseable {

    private final EmbeddedStack stack;
    private final StackFaults faults;
    private final FaultControl faultControl;
    private final ServerLite server;

    LocalServer(StackOptions services, boolean embedded, int port, PrintWriter out) {
        long started = System.nanoTime();
        Map<String, String> env = System.getenv();
        ServerConfig.Builder config = services.config(env).port(port);
        if (embedded) {
            out.println("Starting the embedded stack (PostgreSQL, Redis, Kafka) for what no URL names...");
            out.flush();
            this.stack = EmbeddedStack.withKafkaStarting(services.givenDbUrl(env), services.givenRedisUrl(env), services.givenKafkaBootstrap(env));
            this.faults = config.allowFaults() ? new StackFaults(stack) : null;
            this.faultControl = faults == null ? null : new FaultControl(faults);
            EmbeddedStack.Endpoints at = faults == null ? stack.endpoints() : faults.endpoints();
            config.dbUrl(at.dbUrl()).redisUrl(at.redisUrl()).kafkaBootstrap(at.kafkaBootstrap());
        } else {
            this.stack = null;
            this.faults = null;
            this.faultControl = null;
        }
        try {
            ServerConfig built = config.build();
            if (stack == null) requireReachable(built);
            // the server opens its PostgreSQL and Redis side while the embedded broker is still starting
            this.server = (stack == null ? new ServerLite(built) : new ServerLite(built, () -> stack.kafkaServing().join())).start();
            out.printf("server-lite listening on %s (started in %.1f s)%n  postgres %s%n  redis    %s%n  kafka    %s%n",
                    baseUrl(), (System.nanoTime() - started) / 1e9, built.dbUrl(), built.redisUrl(), built.kafkaBootstrap());
            if (faultControl != null) out.printf("  faults   %s (rush --faults: takes a service away for a while)%n", faultControl.url());
            out.flush();
        } catch (CliFailure e) {
            close();
            throw e;
        } catch (IllegalArgumentException e) {
            close();
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, e.getMessage());
        } catch (RuntimeException e) {
            close();
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "server did not start: " + rootMessage(e));
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    private static void requireReachable(ServerConfig config) {
        URI db = URI.create(config.dbUrl().substring("jdbc:".length()));
        check("PostgreSQL", db.getHost(), db.getPort() < 0 ? 5432 : db.getPort(), "--db-url");
        URI redis = URI.create(config.redisUrl());
        check("Redis", redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort(), "--redis-url");
        requireAnyBroker(config.kafkaBootstrap());
    }

    // A cluster serves while any listed broker answers; the client finds the others from it.
    private static void requireAnyBroker(String bootstrap) {
        for (String address : bootstrap.split(",")) {
            String hostPort = address.trim();
            int colon = hostPort.lastIndexOf(':');
            if (colon > 0 && FreePort.isListening(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)))) {
                return;
            }
        }
        throw new CliFailure(CliFailure.USAGE_OR_CONNECTION,
                "Kafka is not reachable at " + bootstrap + "; start it, point --kafka-bootstrap at one, or use --embedded");
    }

    private static void check(String service, String host, int port, String flag) {
        if (!FreePort.isListening(host, port)) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION,
                    service + " is not reachable at " + host + ":" + port + "; start it, point " + flag + " at one, or use --embedded");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        if (server != null) server.close();
        if (faultControl != null) faultControl.close();
        if (faults != null) faults.close();
        if (stack != null) stack.close();
    }
}
