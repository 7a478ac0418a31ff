package dev.ticketrush.server.reservation;

import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReservationApiTest extends ServerTest {

    private static final Pattern RESERVATION = Pattern.compile(
            "\\{\"id\":(\\d+),\"userId\":(\\d+),\"seatId\":(\\d+),\"reservationTime\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\"}");

    private final SaleInvariants invariants;

    ReservationApiTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/optimistic", "v2/pessimistic", "v3/distributed-lock"})
    void anAvailableSeatIsSoldWithTheContractBody(String strategy) throws SQLException {
        long[] ids = http.setupConcert(2);
        long seatId = services.seatIds(ids[1])[0];
        long userId = http.createUser("first");
        HttpResponse<String> response = reserve(strategy, userId, seatId);
        assertEquals(200, response.statusCode(), response.body());
        Matcher body = RESERVATION.matcher(response.body());
        assertTrue(body.matches(), response.body());
        assertEquals(userId, Long.parseLong(body.group(2)));
        assertEquals(seatId, Long.parseLong(body.group(3)));
        invariants.assertSoldExactlyOnce(ids[1], 1);
        assertEquals(1, http.get("/api/concerts/options/" + ids[1] + "/seats").body().split("\"id\"").length - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/optimistic", "v2/pessimistic", "v3/distributed-lock"})
    void secondBuyerOfTheSameSeatIsRefused(String strategy) throws SQLException {
        long[] ids = http.setupConcert(1);
        long seatId = services.seatIds(ids[1])[0];
        assertEquals(200, reserve(strategy, http.createUser("first"), seatId).statusCode());
        HttpResponse<String> second = reserve(strategy, http.createUser("second"), seatId);
        assertError(second, 409);
        invariants.assertSoldExactlyOnce(ids[1], 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/optimistic", "v2/pessimistic", "v3/distributed-lock"})
    void unknownSeatOrUserIs404AndWritesNothing(String strategy) throws SQLException {
        long[] ids = http.setupConcert(1);
        long seatId = services.seatIds(ids[1])[0];
        assertError(reserve(strategy, http.createUser("someone"), 987654321L), 404);
        assertError(reserve(strategy, 987654321L, seatId), 404);
        invariants.assertSoldExactlyOnce(ids[1], 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/optimistic", "v2/pessimistic", "v3/distributed-lock"})
    void malformedReservationRequestsAre400(String strategy) {
        String path = "/api/reservations/" + strategy;
        for (String body : new String[] {"{}", "{\"userId\":1}", "{\"seatId\":1}", "{\"userId\":-1,\"seatId\":1}",
                "{\"userId\":\"x\",\"seatId\":1}", "{\"userId\":1,", "", "[]"}) {
            assertError(http.post(path, body), 400);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/optimistic", "v2/pessimistic", "v3/distributed-lock"})
    void buyerWithoutAdmissionIsForbiddenAndAdmittedBuyerPasses(String strategy) throws SQLException {
        long[] ids = http.setupConcert(1);
        long seatId = services.seatIds(ids[1])[0];
        long userId = http.createUser("waiting");
        String body = "{\"userId\":" + userId + ",\"seatId\":" + seatId + "}";
        HttpResponse<String> refused = http.postAs(userId, "/api/reservations/" + strategy, body);
        assertError(refused, 403);
        assertTrue(refused.body().contains("\"error\":\"Forbidden\",\"message\":\"Not an active user in waiting queue\""), refused.body());
        invariants.assertSoldExactlyOnce(ids[1], 0);
        services.admit(userId);
        assertEquals(200, http.postAs(userId, "/api/reservations/" + strategy, body).statusCode());
    }

    @Test
    void cancellingFreesTheSeatForTheNextBuyer() throws SQLException {
        long[] ids = http.setupConcert(1);
        long seatId = services.seatIds(ids[1])[0];
        long first = http.createUser("first");
        Matcher sold = RESERVATION.matcher(reserve("v1/optimistic", first, seatId).body());
        assertTrue(sold.matches());
        assertEquals(204, http.deleteAs(first, "/api/reservations/" + sold.group(1)).statusCode());
        invariants.assertSoldExactlyOnce(ids[1], 0);
        assertEquals("[]", http.get("/api/reservations/users/" + first).body());
        assertEquals(200, reserve("v2/pessimistic", http.createUser("second"), seatId).statusCode());
        invariants.assertSoldExactlyOnce(ids[1], 1);
        assertError(http.deleteAs(first, "/api/reservations/" + sold.group(1)), 404);
    }

    @Test
    void aUsersReservationsAreListed() throws SQLException {
        long[] ids = http.setupConcert(3);
        long[] seats = services.seatIds(ids[1]);
        long userId = http.createUser("collector");
        reserve("v1/optimistic", userId, seats[0]);
        reserve("v3/distributed-lock", userId, seats[2]);
        String body = http.get("/api/reservations/users/" + userId).body();
        Matcher each = Pattern.compile("\"seatId\":(\\d+)").matcher(body);
        assertTrue(each.find() && Long.parseLong(each.group(1)) == seats[0], body);
        assertTrue(each.find() && Long.parseLong(each.group(1)) == seats[2], body);
        assertError(http.get("/api/reservations/users/987654321"), 404);
    }

    @Test
    void seatAuditShowsEverySeatWithItsHolder() throws SQLException {
        long[] ids = http.setupConcert(2);
        long[] seats = services.seatIds(ids[1]);
        long userId = http.createUser("holder");
        Matcher sold = RESERVATION.matcher(reserve("v1/optimistic", userId, seats[1]).body());
        assertTrue(sold.matches());
        assertEquals("[{\"seatId\":" + seats[0] + ",\"seatNumber\":\"A-1\",\"status\":\"AVAILABLE\",\"reservations\":[]},"
                        + "{\"seatId\":" + seats[1] + ",\"seatNumber\":\"A-2\",\"status\":\"RESERVED\",\"reservations\":[{\"id\":" + sold.group(1) + ",\"userId\":" + userId + "}]}]",
                http.get("/api/concerts/options/" + ids[1] + "/seat-audit").body());
    }

    @Test
    void pessimisticBuyerGivesUpOnAStuckRowLockWith409() throws SQLException {
        long[] ids = http.setupConcert(1);
        long seatId = services.seatIds(ids[1])[0];
        long userId = http.createUser("patient");
        try (Connection stuck = services.sql()) {
            stuck.setAutoCommit(false);
            stuck.createStatement().execute("SELECT id FROM seat WHERE id = " + seatId + " FOR UPDATE");
            assertError(reserve("v2/pessimistic", userId, seatId), 409);
            stuck.rollback();
        }
        assertEquals(200, reserve("v2/pessimistic", userId, seatId).statusCode());
    }

    private HttpResponse<String> reserve(String strategy, long userId, long seatId) {
        return http.buy("/api/reservations/" + strategy, userId, seatId);
    }

    private static void assertError(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().matches("\\{\"timestamp\":\"[^\"]+\",\"status\":" + status + ",\"error\":\"[^\"]+\",\"message\":\".*\",\"path\":\"[^\"]+\"}"),
                response.body());
    }
}
