package dev.ticketrush.server.metrics;

import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics}: Prometheus text whose series move with the traffic, the lines and the sales. */
class MetricsTest extends ServerTest {

    MetricsTest(TestServices services) {
        super(services);
    }

    @Test
    void requestsAreCountedAndTimedPerRouteTemplateNotPerPath() {
        long[] ids = http.setupConcert(3);
        String options = "http_server_requests_seconds_count{method=\"GET\",route=\"/api/concerts/{concertId}/options\",status=\"200\"}";
        double before = valueOrZero(scrape(), options);
        for (int i = 0; i < 5; i++) assertEquals(200, http.get("/api/concerts/" + ids[0] + "/options").statusCode());
        http.get("/no/such/path/" + ids[0]);

        String after = scrape();
        assertEquals(before + 5, value(after, options));
        assertTrue(value(after, options.replace("_count{", "_sum{")) > 0, "latency is summed");
        assertTrue(after.contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/concerts/{concertId}/options\",status=\"200\",le="),
                "latency histogram per route");
        assertTrue(value(after, "http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}") >= 1);
        assertFalse(after.contains("route=\"/api/concerts/" + ids[0]), "no raw path becomes a series");
    }

    @Test
    void theLineItsAdmissionsAndTheSeatsShowPerConcert() throws Exception {
        long[] ids = http.setupConcert(4);
        String concert = "{concert=\"" + ids[0] + "\"}";
        assertEquals(200, http.put("/api/v1/waiting-queue/config/" + ids[0], "{\"capacity\":100,\"admitCount\":100,\"admitIntervalMs\":3600000}").statusCode());
        for (int i = 0; i < 3; i++) {
            long user = http.createUser("metrics-waiter-" + i);
            http.post("/api/v1/waiting-queue/join", "{\"userId\":" + user + ",\"concertId\":" + ids[0] + "}");
        }
        String scrape = awaitScrape("ticketrush_queue_waiting" + concert, 3);
        assertEquals(0, value(scrape, "ticketrush_queue_admissions_total" + concert));
        assertEquals(0.03, value(scrape, "ticketrush_queue_admission_rate" + concert), 0.001);
        assertEquals(3600, value(scrape, "ticketrush_queue_wait_last_seconds" + concert), "one batch ahead of the last");
        assertEquals(4, value(scrape, "ticketrush_seats_available" + concert));

        assertEquals(200, http.put("/api/v1/waiting-queue/config/" + ids[0], "{\"capacity\":100,\"admitCount\":2,\"admitIntervalMs\":100}").statusCode());
        scrape = awaitScrape("ticketrush_queue_admissions_total" + concert, 3);
        assertEquals(0, value(scrape, "ticketrush_queue_waiting" + concert));

        long buyer = http.createUser("metrics-buyer");
        assertEquals(200, http.buy("/api/reservations/v1/optimistic", buyer, services.seatIds(ids[1])[0]).statusCode());
        scrape = awaitScrape("ticketrush_seats_sold" + concert, 1);
        assertEquals(3, value(scrape, "ticketrush_seats_available" + concert));
    }

    @Test
    void asyncRequestsPoolsStreamsAndTheConsumerLagAreScraped() throws Exception {
        long[] ids = http.setupConcert(1);
        long buyer = http.createUser("metrics-async");
        double settledBefore = valueOrZero(scrape(), "ticketrush_async_requests_total{status=\"SUCCESS\"}");
        assertEquals(202, http.buy("/api/reservations/v4-opt/queue-polling", buyer, services.seatIds(ids[1])[0]).statusCode());
        String scrape = awaitScrape("ticketrush_async_requests_total{status=\"SUCCESS\"}", settledBefore + 1);
        assertTrue(value(scrape, "ticketrush_async_requests_total{status=\"PENDING\"}") >= 1);
        assertTrue(value(scrape, "hikaricp_connections_max{pool=\"ticket-rush-db\"}") >= 1, "the request pool's usage");
        assertTrue(scrape.contains("hikaricp_connections_active{pool=\"ticket-rush-worker\"}"), "the worker pool's usage");
        assertTrue(scrape.contains("ticketrush_kafka_consumer_lag "), "the async worker's lag");
        assertEquals(0, value(scrape, "ticketrush_sse_subscribers{stream=\"waiting-room\"}"));
    }

    private String scrape() {
        HttpResponse<String> response = http.get("/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    /** Scrapes until the series reaches the value: concert readings are up to a second old, admissions come on ticks. */
    private String awaitScrape(String series, double atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            String scrape = scrape();
            double value = valueOrZero(scrape, series);
            if (value >= atLeast) return scrape;
            if (Instant.now().isAfter(deadline)) throw new AssertionError(series + " stayed at " + value + ", expected " + atLeast + "\n" + scrape);
            Thread.sleep(200);
        }
    }

    private static double value(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        if (!line.find()) throw new AssertionError("no series " + series + " in\n" + scrape);
        return Double.parseDouble(line.group(1));
    }

    private static double valueOrZero(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
