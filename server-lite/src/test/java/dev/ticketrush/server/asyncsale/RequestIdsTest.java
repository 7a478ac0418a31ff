package dev.ticketrush.server.asyncsale;

import dev.ticketrush.server.infra.Database;
import dev.ticketrush.server.reservation.SeatHeldByBuyer;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids for concurrent requests, taken from the sequence in shared queries: each caller its own, each held seat refused to its holder alone. */
class RequestIdsTest extends ServerTest {

    private static final int CALLERS = 300;

    RequestIdsTest(TestServices services) {
        super(services);
    }

    @Test
    void concurrentRequestsEachGetAnIdOfTheirOwnAndOnlyTheSeatsHolderIsRefused() throws Exception {
        long[] seats = services.seatIds(http.setupConcert(CALLERS)[1]);
        long[] users = services.createUsers(CALLERS);
        assertEquals(200, http.buy("/api/reservations/v1/optimistic", users[0], seats[0]).statusCode());
        long before = sqlNumber("SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM sale_request_id");
        Map<Integer, Object> answers = new ConcurrentHashMap<>();
        try (Database db = new Database(services.dbUrl(), services.dbUser(), "", 2); RequestIds ids = new RequestIds(db);
             var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CALLERS; i++) {
                int caller = i;
                // caller 1 asks for the seat caller 0 holds: not its own, so it is queued like any other
                long seat = caller == 1 ? seats[0] : seats[caller];
                callers.submit(() -> answers.put(caller, answer(() -> ids.open(users[caller], seat))));
            }
        }
        assertInstanceOf(SeatHeldByBuyer.class, answers.get(0), "the holder asking for its own seat again");
        Set<Long> given = new HashSet<>();
        for (int caller = 1; caller < CALLERS; caller++) {
            long id = assertInstanceOf(Long.class, answers.get(caller), "caller " + caller);
            assertTrue(id > before, "an id from the sequence: " + id);
            assertTrue(given.add(id), "an id of its own: " + id);
        }
    }

    private static Object answer(java.util.function.LongSupplier open) {
        try {
            return open.getAsLong();
        } catch (RuntimeException refused) {
            return refused;
        }
    }
}
