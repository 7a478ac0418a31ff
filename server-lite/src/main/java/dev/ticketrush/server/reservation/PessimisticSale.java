package dev.ticketrush.server.reservation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static dev.ticketrush.server.reservation.SeatLedger.lockBuyerAndReadSeat;
import static dev.ticketrush.server.reservation.SeatLedger.requireAvailable;
import static dev.ticketrush.server.reservation.SeatLedger.sellOrRefuse;

/**
 * v2: {@code SELECT ... FOR UPDATE} on the seat row; a lock wait longer than the timeout is a {@link LostRace}, so a stuck
 * transaction cannot hang the server. The lock timeout, the locking read, the sale with its reservation, and the commit.
 */
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
        try (Statement timeout = c.createStatement()) {
            timeout.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
        }
        SeatLedger.SeatRow seat;
        try {
            seat = requireAvailable(lockBuyerAndReadSeat(c, userId, seatId, true));
        } catch (SQLException e) {
            if (SeatLedger.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) throw new LostRace(seatId, "row lock wait over " + lockTimeout.toMillis() + " ms");
            throw e;
        }
        return sellOrRefuse(c, userId, seat, seatLimit, () -> new IllegalStateException("seat " + seatId + " changed under its row lock"));
    }
}
