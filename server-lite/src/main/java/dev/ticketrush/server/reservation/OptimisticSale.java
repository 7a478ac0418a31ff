package dev.ticketrush.server.reservation;

import java.sql.Connection;
import java.sql.SQLException;

import static dev.ticketrush.server.reservation.SeatLedger.insertReservation;
import static dev.ticketrush.server.reservation.SeatLedger.markReserved;
import static dev.ticketrush.server.reservation.SeatLedger.readSeat;
import static dev.ticketrush.server.reservation.SeatLedger.requireAvailable;
import static dev.ticketrush.server.reservation.SeatLedger.requireUnderLimit;
import static dev.ticketrush.server.reservation.SeatLedger.requireUser;

/** v1: reads the seat without a lock and sells it only if its version is unchanged at update time; else a {@link LostRace}. */
public final class OptimisticSale implements SeatSale {

    private final int seatLimit;

    /** @param seatLimit live reservations one buyer may hold per concert */
    public OptimisticSale(int seatLimit) {
        this.seatLimit = seatLimit;
    }

    @Override
    public Reservation sell(Connection c, long userId, long seatId) throws SQLException {
        requireUser(c, userId);
        requireUnderLimit(c, userId, seatId, seatLimit);
        var seat = requireAvailable(readSeat(c, seatId, false));
        if (!markReserved(c, seat)) throw new LostRace(seatId, "version " + seat.version() + " changed");
        return insertReservation(c, userId, seatId);
    }
}
