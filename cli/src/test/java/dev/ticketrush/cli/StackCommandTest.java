package dev.ticketrush.cli;

import dev.ticketrush.embedded.FreePort;
import dev.ticketrush.server.ServerConfig;
import dev.ticketrush.server.ServerLite;
import dev.ticketrush.server.testing.HttpCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ticket-rush stack} in a JVM of its own: a server runs on the services it prints, and SIGTERM stops them all. */
class StackCommandTest {

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(180);
    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path logs;

    @Test
    void aServerRunsOnTheServicesTheStackPrintsAndSigtermFreesEveryPort() throws Exception {
        Path errors = logs.resolve("stack-stderr.log");
        Process stack = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), TicketRush.class.getName(), "stack", "--kafka-brokers", "3")
                .redirectError(errors.toFile())
                .start();
        List<Integer> ports = new ArrayList<>();
        try {
            Map<String, String> printed = CompletableFuture.supplyAsync(() -> readUntilExports(stack))
                    .get(STARTUP_LIMIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(printed.containsKey("postgres") && printed.containsKey("redis") && printed.containsKey("kafka"),
                    printed + "\n" + Files.readString(errors));
            assertEquals("'" + printed.get("kafka") + "'", printed.get("export TICKETRUSH_KAFKA_BOOTSTRAP"), "export lines name the same services");
            assertEquals(3, printed.get("kafka").split(",").length, printed.get("kafka"));
            ports.addAll(portsOf(printed));

            ServerConfig config = ServerConfig.builder().port(0).dbUrl(printed.get("postgres")).dbPoolSize(4)
                    .redisUrl(printed.get("redis")).kafkaBootstrap(printed.get("kafka")).build();
            try (ServerLite server = new ServerLite(config).start()) {
                HttpCalls http = new HttpCalls(server.baseUrl());
                var health = http.get("/health");
                assertEquals(200, health.statusCode(), health.body());
                var setup = http.post("/api/concerts/setup",
                        "{\"title\":\"t\",\"artistName\":\"a\",\"agencyName\":\"x\",\"concertDate\":\"2026-12-31T20:00:00\",\"seatCount\":3}");
                assertEquals(200, setup.statusCode(), setup.body());
            }
        } finally {
            stack.destroy();
            if (!stack.waitFor(SHUTDOWN_LIMIT.toSeconds(), TimeUnit.SECONDS)) stack.destroyForcibly();
        }
        assertEquals(List.of(), awaitFree(ports), "ports still listening after the stack stopped");
    }

    @Test
    void anUnsupportedBrokerCountGetsOneLineAndExitCode2() {
        CliRun run = CliRun.of("stack", "--kafka-brokers", "2");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("--kafka-brokers must be 1 or 3"), run.err());
    }

    /** The stack's stdout as name -> value, read until its last export line; what it printed so far if it ends early. */
    private static Map<String, String> readUntilExports(Process stack) {
        Map<String, String> printed = new LinkedHashMap<>();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                int split = line.startsWith("export ") ? line.indexOf('=') : line.indexOf(' ');
                printed.put(line.substring(0, split), line.substring(split + 1));
                if (line.startsWith("export TICKETRUSH_KAFKA_BOOTSTRAP=")) break;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return printed;
    }

    private static List<Integer> portsOf(Map<String, String> printed) {
        List<Integer> ports = new ArrayList<>();
        ports.add(URI.create(printed.get("postgres").substring("jdbc:".length())).getPort());
        ports.add(URI.create(printed.get("redis")).getPort());
        for (String broker : printed.get("kafka").split(",")) ports.add(Integer.parseInt(broker.substring(broker.lastIndexOf(':') + 1)));
        return ports;
    }

    /** Waits for the ports to close, and answers those still listening when the time is up. */
    private static List<Integer> awaitFree(List<Integer> ports) throws InterruptedException {
        Instant deadline = Instant.now().plus(SHUTDOWN_LIMIT);
        List<Integer> listening = ports;
        while (Instant.now().isBefore(deadline)) {
            listening = ports.stream().filter(port -> FreePort.isListening("127.0.0.1", port)).toList();
            if (listening.isEmpty()) return listening;
            Thread.sleep(200);
        }
        return listening;
    }
}
