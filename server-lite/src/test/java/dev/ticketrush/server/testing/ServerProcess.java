package dev.ticketrush.server.testing;

import dev.ticketrush.embedded.FreePort;
import dev.ticketrush.server.ServerConfig;
import dev.ticketrush.server.ServerLiteMain;

import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server-lite in a JVM of its own, on the given configuration, so a test can kill it for real with SIGKILL. */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final HttpCalls http;
    private final String baseUrl;

    public ServerProcess(ServerConfig config) throws IOException, InterruptedException {
        int port = FreePort.pick();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), ServerLiteMain.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(File.createTempFile("server-process", ".log"));
        builder.environment().putAll(Map.of(
                "TICKETRUSH_PORT", Integer.toString(port),
                "TICKETRUSH_DB_URL", config.dbUrl(),
                "TICKETRUSH_DB_USER", config.dbUser(),
                "TICKETRUSH_DB_POOL", Integer.toString(config.dbPoolSize()),
                "TICKETRUSH_WORKER_DB_POOL", Integer.toString(config.workerPoolSize()),
                "TICKETRUSH_REDIS_URL", config.redisUrl(),
                "TICKETRUSH_KAFKA_BOOTSTRAP", config.kafkaBootstrap(),
                "TICKETRUSH_KAFKA_TOPIC", config.kafkaTopic(),
                "TICKETRUSH_KAFKA_GROUP", config.kafkaGroup(),
                "TICKETRUSH_ALLOW_FAULTS", Boolean.toString(config.access().allowFaults())));
        this.process = builder.start();
        this.baseUrl = "http://127.0.0.1:" + port;
        this.http = awaitHealthy(port);
    }

    public HttpCalls http() {
        return http;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no goodbye, exactly what a crashed host looks like. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private HttpCalls awaitHealthy(int port) throws InterruptedException {
        HttpCalls calls = new HttpCalls("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (FreePort.isListening("127.0.0.1", port) && calls.get("/health").statusCode() == 200) return calls;
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("the child server did not become healthy");
    }
}
