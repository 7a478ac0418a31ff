package dev.ticketrush.server.asyncsale;

import dev.ticketrush.client.SseReader;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Async requests over HTTP: each has an identity, its answer agrees with the tables, and survives the loss of Redis. */
class AsyncSaleApiTest extends ServerTest {

    private static final Pattern ACCEPTED = Pattern.compile("\\{\"message\":\"Reservation request enqueued\",\"strategy\":\"(\\w+)\",\"requestId\":(\\d+)}");

    private final SaleInvariants invariants;
    private final HttpClient streams = HttpClient.newHttpClient();

    AsyncSaleApiTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    @ParameterizedTest
    @CsvSource({"v4-opt/queue-polling,OPTIMISTIC", "v4-pes/queue-polling,PESSIMISTIC", "v5-opt/queue-sse,OPTIMISTIC"})
    void aRequestIsAcceptedWithItsIdThenSucceeds(String path, String strategy) throws Exception {
        long[] ids = http.setupConcert(1);
        long seat = services.seatIds(ids[1])[0];
        long user = http.createUser("async");
        HttpResponse<String> accepted = http.buy("/api/reservations/" + path, user, seat);
        assertEquals(202, accepted.statusCode(), accepted.body());
        Matcher fields = ACCEPTED.matcher(accepted.body());
        assertTrue(fields.matches(), accepted.body());
        assertEquals(strategy, fields.group(1));
        long requestId = Long.parseLong(fields.group(2));
        assertEquals("SUCCESS", awaitFinal("requestId=" + requestId));
        assertEquals("{\"status\":\"SUCCESS\",\"requestId\":" + requestId + "}", http.get("/api/reservations/v4/status?requestId=" + requestId).body());
        assertEquals("{\"status\":\"SUCCESS\",\"requestId\":" + requestId + "}", http.get(pairStatus(user, seat)).body());
        assertEquals("SUCCESS", sqlStatus(requestId));
        invariants.assertSoldExactlyOnce(ids[1], 1);
    }

    @Test
    void aSeatCancelledAndAskedForAgainIsSoldAgainAndEveryAnswerSaysSo() throws Exception {
        long[] ids = http.setupConcert(1);
        long seat = services.seatIds(ids[1])[0];
        long user = http.createUser("returning");
        long first = accept("v4-opt/queue-polling", user, seat);
        assertEquals("SUCCESS", awaitFinal("requestId=" + first));
        long reservation = sqlNumber("SELECT id FROM reservation WHERE user_id = " + user + " AND cancelled_at IS NULL");
        assertEquals(204, http.deleteAs(user, "/api/reservations/" + reservation).statusCode());
        invariants.assertSoldExactlyOnce(ids[1], 0);

        long second = accept("v4-opt/queue-polling", user, seat);
        assertNotEquals(first, second);
        assertEquals(List.of("SUCCESS"), finalFramesOf(second), "pushed by request id");
        assertEquals("SUCCESS", awaitFinal("requestId=" + second));
        assertEquals("{\"status\":\"SUCCESS\",\"requestId\":" + second + "}", http.get(pairStatus(user, seat)).body());
        assertTrue(http.get("/api/reservations/users/" + user).body().contains("\"seatId\":" + seat), "the buyer holds the seat again");
        invariants.assertSoldExactlyOnce(ids[1], 1);
    }

    @Test
    void anEarlierFailureIsNeverToldToTheRequestThatThenSells() throws Exception {
        long[] ids = http.setupConcert(1);
        long seat = services.seatIds(ids[1])[0];
        long holder = http.createUser("holder");
        long user = http.createUser("late");
        assertEquals(200, http.buy("/api/reservations/v1/optimistic", holder, seat).statusCode());
        long refused = accept("v5-opt/queue-sse", user, seat);
        assertEquals("FAIL_ALREADY_RESERVED", awaitFinal("requestId=" + refused));
        assertEquals("FAIL_ALREADY_RESERVED", sqlStatus(refused));
        long reservation = sqlNumber("SELECT id FROM reservation WHERE user_id = " + holder + " AND cancelled_at IS NULL");
        assertEquals(204, http.deleteAs(holder, "/api/reservations/" + reservation).statusCode());

        long again = accept("v5-opt/queue-sse", user, seat);
        String pairRightAfter = http.get(pairStatus(user, seat)).body();
        assertTrue(pairRightAfter.matches("\\{\"status\":\"(PENDING|PROCESSING|SUCCESS)\",\"requestId\":" + again + "}"), pairRightAfter);
        assertEquals(List.of("SUCCESS"), finalFramesOf(again));
        assertEquals("SUCCESS", awaitFinal("userId=" + user + "&seatId=" + seat));
        assertEquals(user, sqlNumber("SELECT user_id FROM reservation WHERE seat_id = " + seat + " AND cancelled_at IS NULL"));
        invariants.assertSoldExactlyOnce(ids[1], 1);
    }

    @Test
    void aBuyerWhoAlreadyHoldsTheSeatIsToldSoInsteadOfA202() throws Exception {
        long[] ids = http.setupConcert(1);
        long seat = services.seatIds(ids[1])[0];
        long user = http.createUser("holder");
        long first = accept("v4-pes/queue-polling", user, seat);
        assertEquals("SUCCESS", awaitFinal("requestId=" + first));
        HttpResponse<String> again = http.buy("/api/reservations/v4-pes/queue-polling", user, seat);
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("\"message\":\"User " + user + " already holds seat " + seat + "\""), again.body());
        assertEquals("{\"status\":\"SUCCESS\",\"requestId\":" + first + "}", http.get(pairStatus(user, seat)).body());
        assertEquals(1, sqlNumber("SELECT count(*) FROM sale_request WHERE user_id = " + user));
    }

    @Test
    void outcomesAreAnsweredFromPostgresqlWhenRedisHasLostThem() throws Exception {
        long[] ids = http.setupConcert(2);
        long[] seats = services.seatIds(ids[1]);
        long holder = http.createUser("holder");
        long late = http.createUser("late");
        long sold = accept("v4-opt/queue-polling", holder, seats[0]);
        assertEquals("SUCCESS", awaitFinal("requestId=" + sold));
        long refused = accept("v4-opt/queue-polling", late, seats[0]);
        assertEquals("FAIL_ALREADY_RESERVED", awaitFinal("requestId=" + refused));
        try (var jedis = services.jedis()) {
            jedis.keys("reservation:*").forEach(jedis::del);
        }
        assertEquals("{\"status\":\"SUCCESS\",\"requestId\":" + sold + "}", http.get("/api/reservations/v4/status?requestId=" + sold).body());
        assertEquals("{\"status\":\"SUCCESS\",\"requestId\":" + sold + "}", http.get(pairStatus(holder, seats[0])).body());
        assertEquals("{\"status\":\"FAIL_ALREADY_RESERVED\",\"requestId\":" + refused + "}", http.get(pairStatus(late, seats[0])).body());
        assertEquals(List.of("SUCCESS"), finalFramesOf(sold), "a v5 subscriber gets the stored outcome too");
    }

    @Test
    void settledRequestsAreCountedPerConcertFromTheTables() throws Exception {
        long[] ids = http.setupConcert(1);
        long seat = services.seatIds(ids[1])[0];
        long[] users = services.createUsers(3);
        List<Long> requests = new ArrayList<>();
        for (long user : users) requests.add(accept("v4-pes/queue-polling", user, seat));
        for (long request : requests) assertTrue(awaitFinal("requestId=" + request).matches("SUCCESS|FAIL\\w*"));
        assertEquals("{\"concertId\":" + ids[0] + ",\"byStatus\":{\"FAIL_ALREADY_RESERVED\":2,\"SUCCESS\":1}}",
                http.get("/api/concerts/" + ids[0] + "/async-requests").body());
        assertEquals(404, http.get("/api/concerts/987654321/async-requests").statusCode());
    }

    @Test
    void unknownRequestIsNotFoundAndBadInputIs400() {
        assertEquals("{\"status\":\"NOT_FOUND\"}", http.get(pairStatus(123456789, 987654321)).body());
        assertEquals("{\"status\":\"NOT_FOUND\"}", http.get("/api/reservations/v4/status?requestId=987654321").body());
        assertEquals(400, http.get("/api/reservations/v4/status?userId=x&seatId=1").statusCode());
        assertEquals(400, http.get("/api/reservations/v4/status?seatId=1").statusCode());
        assertEquals(400, http.get("/api/reservations/v4/status?requestId=-4").statusCode());
        assertEquals(400, http.post("/api/reservations/v4-opt/queue-polling", "{\"userId\":1}").statusCode());
        assertEquals(400, http.post("/api/reservations/v5-opt/queue-sse", "{oops").statusCode());
    }

    @Test
    void notAdmittedBuyerCannotQueueEither() {
        long user = http.createUser("not-admitted");
        HttpResponse<String> refused = http.postAs(user, "/api/reservations/v4-opt/queue-polling", body(user, 1));
        assertEquals(403, refused.statusCode());
        assertEquals("{\"status\":\"NOT_FOUND\"}", http.get(pairStatus(user, 1)).body());
    }

    @Test
    void v5SubscriberByPairGetsEveryStatusUpToSuccessAsContractFrames() throws Exception {
        long[] ids = http.setupConcert(1);
        long seat = services.seatIds(ids[1])[0];
        long user = http.createUser("listener");
        try (SseReader stream = SseReader.open(streams, URI.create(server.baseUrl() + "/api/reservations/v5/subscribe?userId=" + user + "&seatId=" + seat),
                Duration.ofSeconds(60))) {
            assertEquals(202, http.buy("/api/reservations/v5-opt/queue-sse", user, seat).statusCode());
            List<String> statuses = new ArrayList<>();
            for (SseReader.Frame frame; (frame = stream.next(Duration.ofSeconds(30))) != null; ) {
                assertEquals(List.of("event:RESERVATION_STATUS", "data:" + frame.data()), frame.lines());
                statuses.add(frame.data());
            }
            assertTrue(stream.ended(), "the server ends the stream after the final status");
            assertEquals("SUCCESS", statuses.getLast(), statuses.toString());
            statuses.forEach(status -> assertTrue(status.matches("PENDING|PROCESSING|SUCCESS"), statuses.toString()));
        }
    }

    /** Subscribes by request id after the 202, as a client should, and answers the final frames it saw. */
    private List<String> finalFramesOf(long requestId) throws Exception {
        try (SseReader stream = SseReader.open(streams, URI.create(server.baseUrl() + "/api/reservations/v5/subscribe?requestId=" + requestId),
                Duration.ofSeconds(60))) {
            List<String> finals = new ArrayList<>();
            for (SseReader.Frame frame; (frame = stream.next(Duration.ofSeconds(30))) != null; ) {
                if (!frame.data().equals("PENDING") && !frame.data().equals("PROCESSING")) finals.add(frame.data());
            }
            return finals;
        }
    }

    private long accept(String path, long user, long seat) {
        HttpResponse<String> accepted = http.buy("/api/reservations/" + path, user, seat);
        assertEquals(202, accepted.statusCode(), accepted.body());
        Matcher fields = ACCEPTED.matcher(accepted.body());
        assertTrue(fields.matches(), accepted.body());
        return Long.parseLong(fields.group(2));
    }

    private String awaitFinal(String query) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        String status = "";
        while (Instant.now().isBefore(deadline)) {
            status = http.get("/api/reservations/v4/status?" + query).body().replaceAll(".*\"status\":\"(\\w+)\".*", "$1");
            if (SaleStatus.valueOf(status).terminal()) return status;
            Thread.sleep(50);
        }
        return "still " + status;
    }

    private String sqlStatus(long requestId) throws Exception {
        try (var c = services.sql(); var rows = c.createStatement().executeQuery("SELECT status FROM sale_request WHERE id = " + requestId)) {
            return rows.next() ? rows.getString(1) : "no row";
        }
    }

    private static String pairStatus(long user, long seat) {
        return "/api/reservations/v4/status?userId=" + user + "&seatId=" + seat;
    }

    private static String body(long user, long seat) {
        return "{\"userId\":" + user + ",\"seatId\":" + seat + "}";
    }
}
