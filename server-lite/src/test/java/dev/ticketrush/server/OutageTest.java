package dev.ticketrush.server;

import dev.ticketrush.embedded.EmbeddedStack;
import dev.ticketrush.embedded.TcpRelay;
import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dependency taken away for real (its connections cut, or its process stopped): requests that need it get a fast
 * 503 with Retry-After and the contract's body naming it, /health says so at once, and service comes back with it.
 */
@ExtendWith(TestServices.Extension.class)
class OutageTest {

    /** Well inside the 10-15 s a request used to hang; the figure itself is printed. */
    private static final long FAST_MS = 3_000;

    private final TestServices services;

    OutageTest(TestServices services) {
        this.services = services;
    }

    @Test
    void aRedisOutageIsAFast503NamingRedisAndServiceResumesWithIt() throws Exception {
        URI redis = URI.create(services.privateRedisUrl(3));
        try (TcpRelay relay = new TcpRelay(redis.getHost(), redis.getPort());
             ServerLite server = start(services.serverConfig().redisUrl("redis://127.0.0.1:" + relay.port() + "/3"))) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long concert = http.setupConcert(1)[0];
            long user = http.createUser("fan");
            String join = "{\"userId\":" + user + ",\"concertId\":" + concert + "}";
            assertEquals(200, http.post("/api/v1/waiting-queue/join", join).statusCode());

            relay.cut();
            awaitHealth(http, "redis", "DOWN");
            assertUnavailable(() -> http.post("/api/v1/waiting-queue/join", join), "Redis");
            assertUnavailable(() -> http.get("/api/v1/waiting-queue/status?userId=" + user + "&concertId=" + concert), "Redis");
            assertUnavailable(() -> http.postAs(user, "/api/reservations/v1/optimistic", "{\"userId\":" + user + ",\"seatId\":1}"), "Redis");
            // event streams too: a 503 before any header, not a 200 stream with an error body written into it
            assertUnavailable(() -> http.get("/api/v1/waiting-queue/subscribe?userId=" + user + "&concertId=" + concert), "Redis");
            assertUnavailable(() -> http.get("/api/reservations/v5/subscribe?userId=" + user + "&seatId=1"), "Redis");

            relay.restore();
            awaitHealth(http, "redis", "UP");
            assertEquals(200, http.post("/api/v1/waiting-queue/join", join).statusCode());
        }
    }

    @Test
    void aPostgresqlOutageIsAFast503NamingPostgresqlAndServiceResumesWithIt() throws Exception {
        try (TcpRelay relay = postgresRelay(); ServerLite server = startThrough(relay)) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long[] ids = http.setupConcert(2);

            relay.cut();
            awaitHealth(http, "postgres", "DOWN");
            assertUnavailable(() -> http.get("/api/concerts"), "PostgreSQL");
            assertUnavailable(() -> http.get("/api/concerts/options/" + ids[1] + "/seats"), "PostgreSQL");
            assertUnavailable(() -> http.post("/api/users", "{\"username\":\"late\"}"), "PostgreSQL");

            relay.restore();
            awaitHealth(http, "postgres", "UP");
            awaitStatus(() -> http.get("/api/concerts"), 200);
        }
    }

    @Test
    void aStalledPostgresqlIsA503WithinAboutASecondNotAfterTheValidationTimeout() throws Exception {
        try (TcpRelay relay = postgresRelay(); ServerLite server = startThrough(relay)) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long user = http.createUser("patient");
            Thread.sleep(600); // idle past HikariCP's half second without a check: the next borrow validates its connection

            relay.stall(); // connections stay open and carry nothing, as with a frozen server
            assertUnavailable(() -> http.get("/api/users/" + user), "PostgreSQL");

            relay.restore();
            awaitStatus(() -> http.get("/api/users/" + user), 200);
        }
    }

    @Test
    void anExhaustedConnectionPoolIsAFast503NotAWait() throws Exception {
        int pool = 2;
        try (ServerLite server = start(services.serverConfig().dbPoolSize(pool).lockTimeoutMs(10_000L))) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long[] ids = http.setupConcert(1);
            long seat = services.seatIds(ids[1])[0];
            List<Thread> waiting = new ArrayList<>();
            try (Connection holder = services.sql()) {
                holder.setAutoCommit(false);
                holder.createStatement().execute("SELECT id FROM seat WHERE id = " + seat + " FOR UPDATE");
                // each of these buyers' pessimistic sales waits for the row lock, holding one of the pool's connections
                for (int i = 0; i < pool; i++) {
                    long user = http.createUser("patient-" + i);
                    http.admit(user);
                    waiting.add(Thread.ofVirtual().start(() -> http.postAs(user, "/api/reservations/v2/pessimistic",
                            "{\"userId\":" + user + ",\"seatId\":" + seat + "}")));
                }
                awaitLockWaiters(pool);
                assertUnavailable(() -> http.get("/api/concerts"), "PostgreSQL");
                holder.rollback();
            }
            for (Thread buyer : waiting) buyer.join();
            awaitStatus(() -> http.get("/api/concerts"), 200);
        }
    }

    private void awaitLockWaiters(int count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (services.sqlNumber("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'") < count) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("fewer than " + count + " sales ever waited for the seat");
            Thread.sleep(50);
        }
    }

    @Test
    void aKafkaOutageRefusesAsyncRequestsAtOnceNamingKafka() throws Exception {
        EmbeddedStack broker = new EmbeddedStack(services.dbUrl(), services.redisUrl(), null);
        try (ServerLite server = start(services.serverConfig().kafkaBootstrap(broker.endpoints().kafkaBootstrap()).kafkaTopic("outage-requests")
                .kafkaGroup("outage-group"))) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long[] ids = http.setupConcert(1);
            long seat = services.seatIds(ids[1])[0];
            long user = http.createUser("async");
            http.admit(user);
            broker.close();
            awaitHealth(http, "kafka", "DOWN");
            assertUnavailable(() -> http.postAs(user, "/api/reservations/v4-opt/queue-polling", "{\"userId\":" + user + ",\"seatId\":" + seat + "}"), "Kafka");
            assertEquals(0, services.sqlNumber("SELECT count(*) FROM sale_request WHERE user_id = " + user), "nothing accepted");
        } finally {
            broker.close();
        }
    }

    /** 503, Retry-After, the contract's body naming the dependency, and fast. */
    /** A relay to the test PostgreSQL: a server started {@link #startThrough} it loses PostgreSQL when the relay says so. */
    private TcpRelay postgresRelay() {
        URI db = postgres();
        return new TcpRelay(db.getHost(), db.getPort());
    }

    private ServerLite startThrough(TcpRelay postgresRelay) {
        return start(services.serverConfig().dbUrl("jdbc:postgresql://127.0.0.1:" + postgresRelay.port() + postgres().getPath()));
    }

    private URI postgres() {
        return URI.create(services.dbUrl().substring("jdbc:".length()));
    }

    private static void assertUnavailable(Supplier<HttpResponse<String>> call, String dependency) {
        long started = System.nanoTime();
        HttpResponse<String> answer = call.get();
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("%s down: answered %d in %d ms%n", dependency, answer.statusCode(), ms);
        assertEquals(503, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Retry-After").isPresent(), answer.headers().toString());
        assertTrue(answer.body().matches("\\{\"timestamp\":\"[^\"]+\",\"status\":503,\"error\":\"Service Unavailable\",\"message\":\".*" + dependency + ".*\",\"path\":\"[^\"]+\"}"),
                answer.body());
        assertTrue(ms < FAST_MS, dependency + " down: answered in " + ms + " ms");
    }

    /** /health answers at once whatever is down, and reports the dependency as it is within a few probes. */
    private static void awaitHealth(HttpCalls http, String dependency, String state) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            long started = System.nanoTime();
            HttpResponse<String> health = http.get("/health");
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertTrue(ms < 1_000, "/health answered in " + ms + " ms");
            body = health.body();
            if (body.contains("\"" + dependency + "\":\"" + state + "\"")) {
                assertEquals(state.equals("UP") && !body.contains("DOWN") ? 200 : state.equals("DOWN") ? 503 : health.statusCode(), health.statusCode(), body);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(dependency + " never " + state + ": " + body);
    }

    private static void awaitStatus(Supplier<HttpResponse<String>> call, int status) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        int last = 0;
        while (Instant.now().isBefore(deadline)) {
            if ((last = call.get().statusCode()) == status) return;
            Thread.sleep(200);
        }
        throw new AssertionError("still " + last);
    }

    private static ServerLite start(ServerConfig.Builder config) {
        return new ServerLite(config.build()).start();
    }
}
