package dev.ticketrush.server.reservation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static dev.ticketrush.server.reservation.SeatLedger.insertReservation;
import static dev.ticketrush.server.reservation.SeatLedger.markReserved;
import static dev.ticketrush.server.reservation.SeatLedger.readSeat;
import static dev.ticketrush.server.reservation.SeatLedger.requireAvailable;
import static dev.ticketrush.server.reservation.SeatLedger.requireUnderLimit;
import static dev.ticketrush.server.reservation.SeatLedger.requireUser;

/** v2: {@code SELECT ... FOR UPDATE} on the seat row; a lock wait longer than the timeout is a {@link LostRace}, so a stuck transaction cannot hang the server. */
public final class PessimisticSale implements SeatSale {

    private final Duration lockTimeout;
    private final int seatLimit;

    /** @param seatLimit live reservations one buyer may hold per concert */
    public PessimisticSale(Duration lockTimeout, int seatLimit) {
        this.lockTimeout = lockTimeout;
        this.seatLimit = seatLimit;
    }

    @Override
    public Reservation sell(Connection c, long userId, long seatId) throws SQLException {
        requireUser(c, userId);
        requireUnderLimit(c, userId, seatId, seatLimit);
        try (Statement timeout = c.createStatement()) {
            timeout.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
        }
        SeatLedger.SeatRow seat;
        try {
            seat = requireAvailable(readSeat(c, seatId, true));
        } catch (SQLException e) {
            if (SeatLedger.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) throw new LostRace(seatId, "row lock wait over " + lockTimeout.toMillis() + " ms");
            throw e;
        }
        if (!markReserved(c, seat)) throw new IllegalStateException("seat " + seatId + " changed under its row lock");
        return insertReservation(c, userId, seatId);
    }
}
