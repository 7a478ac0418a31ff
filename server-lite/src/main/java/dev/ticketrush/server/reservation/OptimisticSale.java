package dev.ticketrush.server.reservation;

import java.sql.Connection;
import java.sql.SQLException;

import static dev.ticketrush.server.reservation.SeatLedger.lockBuyerAndReadSeat;
import static dev.ticketrush.server.reservation.SeatLedger.requireAvailable;
import static dev.ticketrush.server.reservation.SeatLedger.sellOrRefuse;

/**
 * v1: reads the seat without a lock and sells it only if its version is unchanged at update time; else a {@link LostRace}.
 * Two statements and the commit: the buyer's lock with the read, then the conditional sale with its reservation.
 */
public final class OptimisticSale implements SeatSale {

    private final int seatLimit;

    /** @param seatLimit live reservations one buyer may hold per concert */
    public OptimisticSale(int seatLimit) {
        this.seatLimit = seatLimit;
    }

    @Override
    public Reservation sell(Connection c, long userId, long seatId) throws SQLException {
        var seat = requireAvailable(lockBuyerAndReadSeat(c, userId, seatId, false));
        return sellOrRefuse(c, userId, seat, seatLimit, () -> new LostRace(seatId, "version " + seat.version() + " changed"));
    }
}
