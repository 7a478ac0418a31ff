package dev.ticketrush.server.reservation;

import dev.ticketrush.server.infra.Database;

import static dev.ticketrush.server.reservation.SeatLedger.insertReservation;
import static dev.ticketrush.server.reservation.SeatLedger.markReserved;
import static dev.ticketrush.server.reservation.SeatLedger.readSeat;
import static dev.ticketrush.server.reservation.SeatLedger.requireAvailable;
import static dev.ticketrush.server.reservation.SeatLedger.requireUser;

/**
 * v1: reads the seat without a lock and sells it only if its version is unchanged at update time;
 * a lost race is a clean 409. With {@code retries > 0} a lost race is retried that many times
 * (off by default: a retry almost always finds the seat sold).
 */
public final class OptimisticReserver implements Reserver {

    private final Database db;
    private final int retries;

    public OptimisticReserver(Database db, int retries) {
        if (retries < 0) throw new IllegalArgumentException("retries must be >= 0");
        this.db = db;
        this.retries = retries;
    }

    @Override
    public Reservation reserve(long userId, long seatId) {
        for (int attempt = 0; ; attempt++) {
            try {
                return db.inTransaction(c -> {
                    requireUser(c, userId);
                    var seat = requireAvailable(readSeat(c, seatId, false));
                    if (!markReserved(c, seat)) throw new LostRace(seatId, "version " + seat.version() + " changed");
                    return insertReservation(c, userId, seatId);
                });
            } catch (LostRace e) {
                if (attempt >= retries) throw e;
            }
        }
    }
}
