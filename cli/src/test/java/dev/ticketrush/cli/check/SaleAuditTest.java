package dev.ticketrush.cli.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.cli.api.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaleAuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCleanSalePassesWithItsCounts() throws Exception {
        JsonNode audit = audit("""
                [{"seatId":1,"seatNumber":"A-1","status":"RESERVED","reservations":[{"id":10,"userId":100}]},
                 {"seatId":2,"seatNumber":"A-2","status":"AVAILABLE","reservations":[]}]""");
        var verdict = SaleAudit.verdict(audit, Map.of(100L, List.of(reservation(10, 100, 1)), 101L, List.of()), 1);
        assertTrue(verdict.passed(), verdict.violations().toString());
        assertEquals(2, verdict.seats());
        assertEquals(1, verdict.sold());
        assertEquals(0, verdict.oversold());
    }

    @Test
    void aSeatHeldTwiceIsOversold() throws Exception {
        JsonNode audit = audit("""
                [{"seatId":1,"seatNumber":"A-1","status":"RESERVED","reservations":[{"id":10,"userId":100},{"id":11,"userId":101}]}]""");
        var verdict = SaleAudit.verdict(audit, Map.of(), -1);
        assertEquals(1, verdict.oversold());
        assertEquals(List.of("seat A-1 (1) is held by 2 live reservations"), verdict.violations());
    }

    @Test
    void aReservedSeatWithoutHolderAndAFreeSeatWithOneAreViolations() throws Exception {
        JsonNode audit = audit("""
                [{"seatId":1,"seatNumber":"A-1","status":"RESERVED","reservations":[]},
                 {"seatId":2,"seatNumber":"A-2","status":"AVAILABLE","reservations":[{"id":12,"userId":102}]}]""");
        var verdict = SaleAudit.verdict(audit, Map.of(), -1);
        assertEquals(List.of("seat A-1 (1) is RESERVED but nobody holds it", "seat A-2 (2) is AVAILABLE but held by a live reservation"),
                verdict.violations());
    }

    @Test
    void salesTheSwarmDidNotSeeAreNamedButNotCountedAsOversold() throws Exception {
        JsonNode audit = audit("""
                [{"seatId":1,"seatNumber":"A-1","status":"RESERVED","reservations":[{"id":10,"userId":100}]},
                 {"seatId":2,"seatNumber":"A-2","status":"RESERVED","reservations":[{"id":11,"userId":101}]}]""");
        var verdict = SaleAudit.verdict(audit, Map.of(100L, List.of(reservation(10, 100, 1)), 101L, List.of(reservation(11, 101, 2))), 1);
        assertEquals(List.of("the swarm saw 1 sales but its buyers hold 2 reservations"), verdict.violations());
        assertEquals(0, verdict.oversold());
    }

    @Test
    void aBuyerHoldingASeatTheAuditGivesToAnotherIsAViolation() throws Exception {
        JsonNode audit = audit("""
                [{"seatId":1,"seatNumber":"A-1","status":"RESERVED","reservations":[{"id":10,"userId":100}]}]""");
        var verdict = SaleAudit.verdict(audit, Map.of(999L, List.of(reservation(13, 999, 1))), -1);
        assertTrue(verdict.violations().contains("buyer 999 holds seat A-1 but the audit does not show it"), verdict.violations().toString());
    }

    private static JsonNode audit(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static Api.Reservation reservation(long id, long user, long seat) {
        return new Api.Reservation(id, user, seat, "2026-11-25T10:00:00.000");
    }
}
