package dev.ticketrush.cli.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The independent check of a sale: the server's seat audit (read from its tables) against what the
 * buyers hold and what the swarm saw. Trusts no counter of the server.
 */
public final class SaleAudit {

    /** The verdict: how many seats are sold, how many oversold, and every violation found. */
    public record Verdict(int seats, int sold, int oversold, List<String> violations) {
        public boolean passed() {
            return violations.isEmpty();
        }
    }

    private final ApiClient api;

    public SaleAudit(ApiClient api) {
        this.api = api;
    }

    /** Checks the option's seats alone: each RESERVED seat has exactly one live reservation, no free seat has one. */
    public Verdict seats(long optionId) {
        return check(optionId, Map.of(), -1);
    }

    /**
     * Checks the option and, besides, that the buyers' reservations agree with the audit and that the
     * number of sales the swarm saw equals the reservations its buyers hold.
     *
     * @param buyersReservations each buyer's live reservations, read back through the users API
     * @param salesSeen          sales the swarm saw (or settled from the server's record), or -1 not to compare
     */
    public Verdict check(long optionId, Map<Long, List<Api.Reservation>> buyersReservations, int salesSeen) {
        return verdict(api.seatAudit(optionId), buyersReservations, salesSeen);
    }

    /** The verdict on one option's seat audit (as {@code GET .../seat-audit} answers it), the buyers' holdings and the sales seen. */
    public static Verdict verdict(JsonNode audit, Map<Long, List<Api.Reservation>> buyersReservations, int salesSeen) {
        List<String> violations = new ArrayList<>();
        Map<Long, Long> holderOfSeat = new HashMap<>();
        Map<Long, String> seatNumber = new HashMap<>();
        int sold = 0;
        int oversold = 0;
        for (JsonNode seat : audit) {
            long seatId = seat.path("seatId").asLong();
            String number = seat.path("seatNumber").asText();
            seatNumber.put(seatId, number);
            int holders = seat.path("reservations").size();
            boolean reserved = !"AVAILABLE".equals(seat.path("status").asText());
            if (reserved) sold++;
            if (holders > 1) {
                oversold++;
                violations.add("seat " + number + " (" + seatId + ") is held by " + holders + " live reservations");
            }
            if (reserved && holders == 0) violations.add("seat " + number + " (" + seatId + ") is " + seat.path("status").asText() + " but nobody holds it");
            if (!reserved && holders > 0) violations.add("seat " + number + " (" + seatId + ") is AVAILABLE but held by a live reservation");
            if (holders >= 1) holderOfSeat.put(seatId, seat.path("reservations").get(0).path("userId").asLong());
        }
        int buyersHold = 0;
        Map<Long, Long> buyerOfSeat = new HashMap<>();
        for (var entry : buyersReservations.entrySet()) {
            for (Api.Reservation reservation : entry.getValue()) {
                if (!seatNumber.containsKey(reservation.seatId())) continue;
                buyersHold++;
                Long other = buyerOfSeat.put(reservation.seatId(), entry.getKey());
                if (other != null) {
                    oversold++;
                    violations.add("seat " + seatNumber.get(reservation.seatId()) + " is held by buyers " + other + " and " + entry.getKey());
                }
                if (!Long.valueOf(entry.getKey()).equals(holderOfSeat.get(reservation.seatId()))) {
                    violations.add("buyer " + entry.getKey() + " holds seat " + seatNumber.get(reservation.seatId()) + " but the audit does not show it");
                }
            }
        }
        if (salesSeen >= 0 && salesSeen != buyersHold) {
            violations.add("the swarm saw " + salesSeen + " sales but its buyers hold " + buyersHold + " reservations");
        }
        return new Verdict(audit.size(), sold, oversold, violations);
    }
}
