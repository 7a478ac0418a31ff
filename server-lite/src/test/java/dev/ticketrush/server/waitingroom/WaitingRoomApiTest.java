package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.ServerLite;
import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Join, status, throttled admission and the admin endpoints, against the sorted set and keys themselves. */
class WaitingRoomApiTest extends ServerTest {

    WaitingRoomApiTest(TestServices services) {
        super(services);
    }

    @Test
    void joinsAreRankedInArrivalOrderAndARepeatedJoinKeepsItsPlace() throws Exception {
        long concert = quietConcert(100);
        long[] users = services.createUsers(3);
        for (int i = 0; i < users.length; i++) {
            assertEquals(position(users[i], concert, "WAITING", i + 1), http.post("/api/v1/waiting-queue/join", join(users[i], concert)).body());
            Thread.sleep(2);
        }
        try (var jedis = services.jedis()) {
            Double placeBefore = jedis.zscore("waiting-queue:" + concert, Long.toString(users[0]));
            assertEquals(position(users[0], concert, "WAITING", 1), http.post("/api/v1/waiting-queue/join", join(users[0], concert)).body());
            assertEquals(placeBefore, jedis.zscore("waiting-queue:" + concert, Long.toString(users[0])));
            assertEquals(3, jedis.zcard("waiting-queue:" + concert));
        }
        assertEquals(position(users[2], concert, "WAITING", 3), http.get(status(users[2], concert)).body());
        assertEquals(position(999_999_999L, concert, "NONE", -1), http.get(status(999_999_999L, concert)).body());
    }

    @Test
    void aThousandConcurrentJoinsLetExactlyCapacityIntoTheQueue() throws Exception {
        long concert = quietConcert(100);
        long[] users = services.createUsers(1000);
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long user : users) {
                executor.submit(() -> outcomes.merge(http.post("/api/v1/waiting-queue/join", join(user, concert)).body()
                        .replaceAll(".*\"status\":\"(\\w+)\".*", "$1"), 1, Integer::sum));
            }
        }
        assertEquals(Map.of("WAITING", 100, "REJECTED", 900), outcomes);
        try (var jedis = services.jedis()) {
            assertEquals(100, jedis.zcard("waiting-queue:" + concert));
        }
    }

    @Test
    void twoInstancesAdmitEveryWaiterExactlyOnceInJoinOrder() throws Exception {
        try (ServerLite second = new ServerLite(services.serverConfig().build()).start()) {
            long concert = quietConcert(1000);
            long[] users = services.createUsers(60);
            HttpCalls[] doors = {http, new HttpCalls(second.baseUrl())};
            for (int i = 0; i < users.length; i++) {
                assertEquals(200, doors[i % 2].post("/api/v1/waiting-queue/join", join(users[i], concert)).statusCode());
                Thread.sleep(2);
            }
            configure(concert, 1000, 7, 100);
            try (var jedis = services.jedis()) {
                awaitTrue(() -> jedis.zcard("waiting-queue:" + concert) == 0, "queue drained");
                List<Double> admittedAt = new ArrayList<>();
                for (long user : users) {
                    assertTrue(jedis.exists("active-user:" + user), "admitted: " + user);
                    Double expiry = jedis.zscore("waiting-room:admitted:" + concert, Long.toString(user));
                    assertNotNull(expiry, "admission recorded: " + user);
                    admittedAt.add(expiry);
                }
                for (int i = 1; i < admittedAt.size(); i++) {
                    assertTrue(admittedAt.get(i) >= admittedAt.get(i - 1), "admitted in join order at " + i + ": " + admittedAt);
                }
                assertEquals(users.length, jedis.zcard("waiting-room:admitted:" + concert), "nobody admitted twice or skipped");
            }
        }
    }

    @Test
    void anExpiredAdmissionMakesTheBuyerNoneAndForbidden() throws Exception {
        long concert = quietConcert(100);
        long user = services.createUsers(1)[0];
        try (var jedis = services.jedis()) {
            jedis.psetex("active-user:" + user, 300, "1");
            assertEquals(position(user, concert, "ACTIVE", 0), http.get(status(user, concert)).body());
            awaitTrue(() -> !jedis.exists("active-user:" + user), "admission expired");
        }
        assertEquals(position(user, concert, "NONE", -1), http.get(status(user, concert)).body());
        HttpResponse<String> refused = http.postAs(user, "/api/reservations/v1/optimistic", "{\"userId\":" + user + ",\"seatId\":1}");
        assertEquals(403, refused.statusCode());
    }

    @Test
    void overviewAndThrottleAdminAnswerWhatWasConfigured() throws Exception {
        long concert = quietConcert(50);
        long[] users = services.createUsers(20);
        for (long user : users) http.post("/api/v1/waiting-queue/join", join(user, concert));
        String overview = http.get("/api/v1/waiting-queue/overview?concertId=" + concert).body();
        assertEquals("{\"concertId\":" + concert + ",\"waiting\":20,\"active\":0,\"capacity\":50,\"admitCount\":10,\"admitIntervalMs\":3600000,"
                + "\"admissionsPerSecond\":0.0,\"estimatedWaitSecondsForLast\":7200}", overview);
        assertEquals("{\"capacity\":50,\"admitCount\":10,\"admitIntervalMs\":3600000}", http.get("/api/v1/waiting-queue/config/" + concert).body());
        assertEquals(400, http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":0,\"admitCount\":1,\"admitIntervalMs\":100}").statusCode());
        assertEquals(400, http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":10}").statusCode());
        assertEquals(404, http.get("/api/v1/waiting-queue/overview?concertId=987654321").statusCode());
    }

    @Test
    void cleanupOfAConcertRemovesItsWaitingRoom() throws Exception {
        long concert = quietConcert(100);
        long[] users = services.createUsers(2);
        for (long user : users) http.post("/api/v1/waiting-queue/join", join(user, concert));
        try (var jedis = services.jedis()) {
            assertTrue(jedis.exists("waiting-queue:" + concert));
            assertTrue(jedis.sismember("waiting-rooms", Long.toString(concert)));
            assertEquals(200, http.delete("/api/concerts/cleanup/" + concert).statusCode());
            for (String key : List.of("waiting-queue:", "waiting-room:throttle:", "waiting-room:admission-due:", "waiting-room:admitted:", "waiting-room:admitted-total:")) {
                assertFalse(jedis.exists(key + concert), key + concert);
            }
            assertFalse(jedis.sismember("waiting-rooms", Long.toString(concert)));
        }
        assertEquals(404, http.get(status(users[0], concert)).statusCode());
    }

    @Test
    void badJoinsAre4xx() {
        assertEquals(400, http.post("/api/v1/waiting-queue/join", "{\"userId\":1}").statusCode());
        assertEquals(400, http.post("/api/v1/waiting-queue/join", "{\"userId\":-1,\"concertId\":1}").statusCode());
        assertEquals(400, http.post("/api/v1/waiting-queue/join", "nope").statusCode());
        assertEquals(404, http.post("/api/v1/waiting-queue/join", join(1, 987654321L)).statusCode());
        assertEquals(400, http.get("/api/v1/waiting-queue/status?userId=1").statusCode());
    }

    /** A concert whose room admits nobody during the test unless it is reconfigured. */
    private long quietConcert(int capacity) {
        long concert = http.setupConcert(1)[0];
        configure(concert, capacity, 10, 3_600_000);
        return concert;
    }

    private void configure(long concert, int capacity, int admitCount, long intervalMs) {
        HttpResponse<String> response = http.put("/api/v1/waiting-queue/config/" + concert,
                "{\"capacity\":" + capacity + ",\"admitCount\":" + admitCount + ",\"admitIntervalMs\":" + intervalMs + "}");
        assertEquals(200, response.statusCode(), response.body());
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }

    static String join(long user, long concert) {
        return "{\"userId\":" + user + ",\"concertId\":" + concert + "}";
    }

    static String status(long user, long concert) {
        return "/api/v1/waiting-queue/status?userId=" + user + "&concertId=" + concert;
    }

    static String position(long user, long concert, String status, long rank) {
        return "{\"userId\":" + user + ",\"concertId\":" + concert + ",\"status\":\"" + status + "\",\"rank\":" + rank + "}";
    }
}
