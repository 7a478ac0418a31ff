package dev.ticketrush.server.reservation;

import dev.ticketrush.server.infra.Database;
import dev.ticketrush.server.infra.DatabaseFailure;

import java.sql.Statement;
import java.time.Duration;

import static dev.ticketrush.server.reservation.SeatLedger.insertReservation;
import static dev.ticketrush.server.reservation.SeatLedger.markReserved;
import static dev.ticketrush.server.reservation.SeatLedger.readSeat;
import static dev.ticketrush.server.reservation.SeatLedger.requireAvailable;
import static dev.ticketrush.server.reservation.SeatLedger.requireUser;

/** v2: {@code SELECT ... FOR UPDATE} on the seat row; a lock wait longer than the timeout is a 409, so a stuck transaction cannot hang the server. */
public final class PessimisticReserver implements Reserver {

    private final Database db;
    private final Duration lockTimeout;

    public PessimisticReserver(Database db, Duration lockTimeout) {
        this.db = db;
        this.lockTimeout = lockTimeout;
    }

    @Override
    public Reservation reserve(long userId, long seatId) {
        try {
            return db.inTransaction(c -> {
                requireUser(c, userId);
                try (Statement timeout = c.createStatement()) {
                    timeout.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
                }
                var seat = requireAvailable(readSeat(c, seatId, true));
                if (!markReserved(c, seat)) throw new IllegalStateException("seat " + seatId + " changed under its row lock");
                return insertReservation(c, userId, seatId);
            });
        } catch (DatabaseFailure e) {
            if (SeatLedger.LOCK_NOT_AVAILABLE.equals(e.sqlState())) throw new LostRace(seatId, "row lock wait over " + lockTimeout.toMillis() + " ms");
            throw e;
        }
    }
}
