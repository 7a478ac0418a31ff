package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ticketrush.server.waitingroom.WaitingRoomApiTest.awaitTrue;
import static dev.ticketrush.server.waitingroom.WaitingRoomApiTest.join;
import static dev.ticketrush.server.waitingroom.WaitingRoomApiTest.position;
import static dev.ticketrush.server.waitingroom.WaitingRoomApiTest.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Throttled admission over time: the configured rate is kept, joins cannot hold it up, admissions expire. */
class AdmissionTickerTest extends ServerTest {

    AdmissionTickerTest(TestServices services) {
        super(services);
    }

    @Test
    void joinsArrivingFasterThanTheTickDoNotHoldAdmissionUp() throws Exception {
        long concert = http.setupConcert(1)[0];
        configure(concert, 5000, 10, 100);
        long[] users = services.createUsers(400);
        long started = System.nanoTime();
        for (long user : users) {
            assertEquals(200, http.post("/api/v1/waiting-queue/join", join(user, concert)).statusCode());
        }
        double joiningSeconds = (System.nanoTime() - started) / 1e9;
        try (var jedis = services.jedis()) {
            long admitted = users.length - jedis.zcard("waiting-queue:" + concert);
            // 100/s configured; a full interval of slack for the first batch and the tick
            long expected = (long) (100 * joiningSeconds);
            System.out.printf("admitted while %d joins arrived over %.2f s: %d (configured rate allows %d)%n",
                    users.length, joiningSeconds, admitted, expected);
            assertTrue(joiningSeconds > 0.5, "joins must keep arriving long enough to matter: " + joiningSeconds + " s");
            assertTrue(admitted >= expected * 0.7 - 10, "admitted while joins arrived: " + admitted + ", rate allows " + expected);
        }
    }

    @Test
    void fiftyEveryHundredMillisecondsAdmitsFiveHundredPerSecond() throws Exception {
        long concert = http.setupConcert(1)[0];
        configure(concert, 5000, 50, 3_600_000);
        long[] users = services.createUsers(2000);
        AtomicInteger waiting = new AtomicInteger();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long user : users) {
                executor.submit(() -> {
                    if (http.post("/api/v1/waiting-queue/join", join(user, concert)).body().contains("WAITING")) waiting.incrementAndGet();
                });
            }
        }
        assertEquals(users.length, waiting.get());
        try (var jedis = services.jedis()) {
            long started = System.nanoTime();
            configure(concert, 5000, 50, 100);
            awaitTrue(() -> jedis.zcard("waiting-queue:" + concert) == 0, "queue drained");
            double seconds = (System.nanoTime() - started) / 1e9;
            // the first batch goes at once, the last one 39 intervals later
            double perSecond = (users.length - 50) / seconds;
            System.out.printf("drained %d waiters at 50/100 ms in %.2f s: %.0f admissions/s%n", users.length, seconds, perSecond);
            assertTrue(perSecond >= 450 && perSecond <= 560, "admissions per second: " + perSecond);
            for (long user : users) assertTrue(jedis.exists("active-user:" + user), "admitted: " + user);
        }
    }

    @Test
    void anAdmissionLastsFiveMinutesAndWhenItEndsTheBuyerIsNoneAndForbidden() throws Exception {
        long concert = http.setupConcert(1)[0];
        configure(concert, 100, 10, 3_600_000);
        long user = services.createUsers(1)[0];
        assertEquals(position(user, concert, "WAITING", 1), http.post("/api/v1/waiting-queue/join", join(user, concert)).body());
        configure(concert, 100, 10, 3_600_000);
        try (var jedis = services.jedis()) {
            awaitTrue(() -> jedis.exists("active-user:" + user), "admitted by the ticker");
            long ttl = jedis.ttl("active-user:" + user);
            assertTrue(ttl > 290 && ttl <= 300, "admission TTL: " + ttl);
            assertEquals(position(user, concert, "ACTIVE", 0), http.get(status(user, concert)).body());
            assertEquals(position(user, concert, "ACTIVE", 0), http.post("/api/v1/waiting-queue/join", join(user, concert)).body());
            // five minutes pass
            jedis.pexpire("active-user:" + user, 50);
            awaitTrue(() -> !jedis.exists("active-user:" + user), "admission expired");
        }
        assertEquals(position(user, concert, "NONE", -1), http.get(status(user, concert)).body());
        HttpResponse<String> refused = http.postAs(user, "/api/reservations/v1/optimistic", "{\"userId\":" + user + ",\"seatId\":1}");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("\"message\":\"Not an active user in waiting queue\""), refused.body());
    }

    private void configure(long concert, int capacity, int admitCount, long intervalMs) {
        HttpResponse<String> response = http.put("/api/v1/waiting-queue/config/" + concert,
                "{\"capacity\":" + capacity + ",\"admitCount\":" + admitCount + ",\"admitIntervalMs\":" + intervalMs + "}");
        assertEquals(200, response.statusCode(), response.body());
    }
}
