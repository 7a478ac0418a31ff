package dev.ticketrush.server.asyncqueue;

import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsyncReservationApiTest extends ServerTest {

    private final SaleInvariants invariants;

    AsyncReservationApiTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    @ParameterizedTest
    @CsvSource({"v4-opt/queue-polling,OPTIMISTIC", "v4-pes/queue-polling,PESSIMISTIC", "v5-opt/queue-sse,OPTIMISTIC"})
    void queuedRequestIsAcceptedThenPolledToSuccess(String path, String strategy) throws Exception {
        long[] ids = http.setupConcert(1);
        long seat = services.seatIds(ids[1])[0];
        long user = http.createUser("async");
        HttpResponse<String> accepted = http.post("/api/reservations/" + path, body(user, seat));
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals("{\"message\":\"Reservation request enqueued\",\"strategy\":\"" + strategy + "\"}", accepted.body());
        assertEquals("SUCCESS", awaitTerminal(user, seat));
        invariants.assertSoldExactlyOnce(ids[1], 1);
    }

    @Test
    void secondQueuedBuyerOfTheSameSeatEndsAlreadyReserved() throws Exception {
        long[] ids = http.setupConcert(1);
        long seat = services.seatIds(ids[1])[0];
        long first = http.createUser("first");
        long second = http.createUser("second");
        assertEquals(202, http.post("/api/reservations/v4-opt/queue-polling", body(first, seat)).statusCode());
        assertEquals("SUCCESS", awaitTerminal(first, seat));
        assertEquals(202, http.post("/api/reservations/v4-pes/queue-polling", body(second, seat)).statusCode());
        assertEquals("FAIL_ALREADY_RESERVED", awaitTerminal(second, seat));
        invariants.assertSoldExactlyOnce(ids[1], 1);
    }

    @Test
    void unknownRequestIsNotFoundAndBadInputIs400() {
        assertEquals("{\"status\":\"NOT_FOUND\"}", http.get("/api/reservations/v4/status?userId=123456789&seatId=987654321").body());
        assertEquals(400, http.get("/api/reservations/v4/status?userId=x&seatId=1").statusCode());
        assertEquals(400, http.get("/api/reservations/v4/status?seatId=1").statusCode());
        assertEquals(400, http.post("/api/reservations/v4-opt/queue-polling", "{\"userId\":1}").statusCode());
        assertEquals(400, http.post("/api/reservations/v5-opt/queue-sse", "{oops").statusCode());
    }

    @Test
    void notAdmittedBuyerCannotQueueEither() throws Exception {
        long user = http.createUser("not-admitted");
        HttpResponse<String> refused = http.postAs(user, "/api/reservations/v4-opt/queue-polling", body(user, 1));
        assertEquals(403, refused.statusCode());
        assertEquals("{\"status\":\"NOT_FOUND\"}", http.get("/api/reservations/v4/status?userId=" + user + "&seatId=1").body());
    }

    @Test
    void v5SubscriberGetsEveryStatusUpToSuccessAsContractFrames() throws Exception {
        long[] ids = http.setupConcert(1);
        long seat = services.seatIds(ids[1])[0];
        long user = http.createUser("listener");
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/reservations/v5/subscribe?userId=" + user + "&seatId=" + seat)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        assertEquals(202, http.post("/api/reservations/v5-opt/queue-sse", body(user, seat)).statusCode());
        List<String> lines = new ArrayList<>();
        try (Stream<String> body = stream.body()) {
            // the server ends the stream after the terminal status
            body.forEach(lines::add);
        }
        List<String> frames = String.join("\n", lines).lines().toList();
        assertEquals("event:RESERVATION_STATUS", frames.getFirst(), lines.toString());
        assertTrue(lines.contains("data:SUCCESS"), lines.toString());
        assertEquals("data:SUCCESS", lines.get(lines.size() - 2), lines.toString());
        for (int i = 0; i < lines.size(); i += 3) {
            assertEquals("event:RESERVATION_STATUS", lines.get(i), lines.toString());
            assertTrue(lines.get(i + 1).matches("data:(PENDING|PROCESSING|SUCCESS)"), lines.toString());
            assertEquals("", lines.get(i + 2), lines.toString());
        }
    }

    private String awaitTerminal(long user, long seat) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        String status = "";
        while (Instant.now().isBefore(deadline)) {
            status = http.get("/api/reservations/v4/status?userId=" + user + "&seatId=" + seat).body().replaceAll(".*\"status\":\"(\\w+)\".*", "$1");
            if (AsyncStatus.isTerminal(status)) return status;
            Thread.sleep(50);
        }
        return "still " + status;
    }

    private static String body(long user, long seat) {
        return "{\"userId\":" + user + ",\"seatId\":" + seat + "}";
    }
}
