package dev.ticketrush.server.asyncsale;

import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerProcess;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real crash: a server-lite in its own JVM takes requests, is killed with SIGKILL halfway, and nothing is lost. */
class KilledInstanceTest extends ServerTest {

    private final SaleInvariants invariants;

    KilledInstanceTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    private final List<Long> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void everyRequestAcceptedByAKilledInstanceIsSettledByTheSurvivor() throws Exception {
        long[] ids = http.setupConcert(100);
        long[] seats = services.seatIds(ids[1]);
        long[] users = services.createUsers(1000);
        try (ServerProcess doomed = new ServerProcess(services.serverConfig().build())) {
            HttpCalls doomedHttp = doomed.http();
            services.admit(users);
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(64);
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < users.length; i++) {
                    String path = i % 2 == 0 ? "/api/reservations/v4-opt/queue-polling" : "/api/reservations/v4-pes/queue-polling";
                    long user = users[i];
                    String body = "{\"userId\":" + user + ",\"seatId\":" + seats[i % seats.length] + "}";
                    executor.submit(() -> {
                        inFlight.acquire();
                        try {
                            var answer = doomedHttp.postAs(user, path, body);
                            if (answer.statusCode() == 202) accepted.add(Long.parseLong(answer.body().replaceAll(".*\"requestId\":(\\d+).*", "$1")));
                        } finally {
                            inFlight.release();
                        }
                        return null;
                    });
                }
            }
            assertEquals(users.length, accepted.size(), "the doomed instance accepted every request before it died");
            awaitSettledCount(200);
            doomed.kill();
        }
        Map<String, Long> outcome = awaitSettledCount(users.length);
        assertEquals(100L, outcome.get("SUCCESS"), outcome.toString());
        invariants.assertSoldExactlyOnce(ids[1], 100);
    }

    /** Waits until this many accepted requests have their row, and answers them by status, from the table itself. */
    private Map<String, Long> awaitSettledCount(int wanted) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        Map<String, Long> counts = Map.of();
        while (Instant.now().isBefore(deadline)) {
            counts = settled();
            if (counts.values().stream().mapToLong(Long::longValue).sum() >= wanted) return counts;
            Thread.sleep(250);
        }
        throw new AssertionError("not settled in time: " + counts);
    }

    private Map<String, Long> settled() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        String ids = accepted.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("0");
        try (var c = services.sql(); var rows = c.createStatement().executeQuery(
                "SELECT status, count(*) FROM sale_request WHERE id IN (" + ids + ") GROUP BY status")) {
            while (rows.next()) counts.put(rows.getString(1), rows.getLong(2));
        }
        return counts;
    }
}
