package dev.ticketrush.server;

import dev.ticketrush.embedded.TcpRelay;
import dev.ticketrush.server.infra.Outage;
import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server started before its dependencies waits for them, for a bounded time, instead of exiting (docker compose starts all at once). */
@ExtendWith(TestServices.Extension.class)
class StartupWaitTest {

    @Test
    void aServerStartedBeforeRedisWaitsAndServesOnceRedisIsUp(TestServices services) throws Exception {
        URI redis = URI.create(services.redisUrl());
        try (TcpRelay late = new TcpRelay(redis.getHost(), redis.getPort())) {
            late.cut();
            ServerConfig config = services.serverConfig().redisUrl("redis://127.0.0.1:" + late.port() + redis.getPath()).startupWaitSeconds(60L).build();
            CompletableFuture<ServerLite> starting = CompletableFuture.supplyAsync(() -> new ServerLite(config).start());
            // long past the database's migration, so Redis has refused at least one start by now
            Thread.sleep(6_000);
            assertFalse(starting.isDone(), "still waiting for Redis, neither started nor given up");

            late.restore();
            try (ServerLite server = starting.get(60, TimeUnit.SECONDS)) {
                assertEquals(200, new HttpCalls(server.baseUrl()).get("/health").statusCode());
            }
        }
    }

    @Test
    void aServerGivesUpOnceItsStartupWaitIsOver(TestServices services) {
        URI redis = URI.create(services.redisUrl());
        try (TcpRelay never = new TcpRelay(redis.getHost(), redis.getPort())) {
            never.cut();
            ServerConfig config = services.serverConfig().redisUrl("redis://127.0.0.1:" + never.port() + redis.getPath()).startupWaitSeconds(2L).build();
            Instant start = Instant.now();
            RuntimeException failure = assertThrows(RuntimeException.class, () -> new ServerLite(config).start());
            Duration took = Duration.between(start, Instant.now());
            assertEquals(Optional.of("redis"), Outage.dependencyOf(failure), failure.toString());
            assertTrue(took.compareTo(Duration.ofSeconds(2)) >= 0 && took.compareTo(Duration.ofSeconds(15)) < 0, "gave up after its wait: " + took);
        }
    }
}
