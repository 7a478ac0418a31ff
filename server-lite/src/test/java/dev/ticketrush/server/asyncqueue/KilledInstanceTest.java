package dev.ticketrush.server.asyncqueue;

import dev.ticketrush.server.ServerLiteMain;
import dev.ticketrush.server.infra.FreePort;
import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real crash: a server-lite in its own JVM takes requests, is killed with SIGKILL halfway, and nothing is lost. */
class KilledInstanceTest extends ServerTest {

    private final SaleInvariants invariants;

    KilledInstanceTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    @Test
    void requestsAcceptedByAKilledInstanceAreFinishedByTheSurvivor() throws Exception {
        long[] ids = http.setupConcert(100);
        long[] seats = services.seatIds(ids[1]);
        long[] users = services.createUsers(1000);
        int port = FreePort.pick();
        Process doomed = startServerProcess(port);
        try {
            HttpCalls doomedHttp = awaitHealthy(doomed, port);
            AtomicInteger accepted = new AtomicInteger();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < users.length; i++) {
                    String path = i % 2 == 0 ? "/api/reservations/v4-opt/queue-polling" : "/api/reservations/v4-pes/queue-polling";
                    String body = "{\"userId\":" + users[i] + ",\"seatId\":" + seats[i % seats.length] + "}";
                    executor.submit(() -> {
                        if (doomedHttp.post(path, body).statusCode() == 202) accepted.incrementAndGet();
                    });
                }
            }
            assertEquals(users.length, accepted.get(), "the doomed instance accepted every request before it died");
            awaitTerminalCount(users, seats, 200);
        } finally {
            doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Map<String, Integer> outcome = awaitTerminalCount(users, seats, users.length);
        assertEquals(100, outcome.getOrDefault(AsyncStatus.SUCCESS, 0), outcome.toString());
        invariants.assertSoldExactlyOnce(ids[1], 100);
    }

    private Process startServerProcess(int port) throws Exception {
        var config = services.serverConfig();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), ServerLiteMain.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(File.createTempFile("doomed-server", ".log"));
        builder.environment().putAll(Map.of(
                "TICKETRUSH_PORT", Integer.toString(port),
                "TICKETRUSH_DB_URL", config.dbUrl(),
                "TICKETRUSH_DB_USER", config.dbUser(),
                "TICKETRUSH_REDIS_URL", config.redisUrl(),
                "TICKETRUSH_KAFKA_BOOTSTRAP", config.kafkaBootstrap()));
        return builder.start();
    }

    private static HttpCalls awaitHealthy(Process process, int port) throws InterruptedException {
        HttpCalls calls = new HttpCalls("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (FreePort.isListening("127.0.0.1", port) && calls.get("/health").statusCode() == 200) return calls;
            Thread.sleep(200);
        }
        throw new AssertionError("the child server did not become healthy");
    }

    private Map<String, Integer> awaitTerminalCount(long[] users, long[] seats, int wanted) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        Map<String, Integer> counts = Map.of();
        while (Instant.now().isBefore(deadline)) {
            counts = statuses(users, seats);
            int terminal = counts.entrySet().stream().filter(e -> AsyncStatus.isTerminal(e.getKey())).mapToInt(Map.Entry::getValue).sum();
            if (terminal >= wanted) return counts;
            Thread.sleep(250);
        }
        throw new AssertionError("not terminal in time: " + counts);
    }

    private Map<String, Integer> statuses(long[] users, long[] seats) {
        Map<String, Integer> counts = new HashMap<>();
        try (var jedis = services.jedis(); var pipeline = jedis.pipelined()) {
            List<redis.clients.jedis.Response<String>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < users.length; i++) replies.add(pipeline.get(StatusBoard.key(users[i], seats[i % seats.length])));
            pipeline.sync();
            for (var reply : replies) counts.merge(reply.get() == null ? AsyncStatus.NOT_FOUND : reply.get(), 1, Integer::sum);
        }
        return counts;
    }
}
