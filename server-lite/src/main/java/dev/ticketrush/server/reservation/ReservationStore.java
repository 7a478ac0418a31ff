package dev.ticketrush.server.reservation;

import dev.ticketrush.server.infra.Database;
import dev.ticketrush.server.user.UnknownUser;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Reading and cancelling reservations. */
public final class ReservationStore {

    private final Database db;

    public ReservationStore(Database db) {
        this.db = db;
    }

    /** The user's live reservations in id order; an unknown user is a 404. */
    public List<Reservation> ofUser(long userId) {
        return db.read(c -> {
            SeatLedger.requireUser(c, userId);
            List<Reservation> found = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id, user_id, seat_id, reservation_time FROM reservation WHERE user_id = ? AND cancelled_at IS NULL ORDER BY id")) {
                query.setLong(1, userId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Reservation(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getTimestamp(4).toLocalDateTime()));
                    }
                }
            }
            return found;
        });
    }

    /** Whether the user holds a live reservation of the seat. */
    public boolean holds(long userId, long seatId) {
        return db.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT 1 FROM reservation WHERE user_id = ? AND seat_id = ? AND cancelled_at IS NULL")) {
                query.setLong(1, userId);
                query.setLong(2, seatId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /**
     * Cancels a live reservation and makes its seat AVAILABLE again, in one transaction; when {@code buyer} is given,
     * only if the reservation is that buyer's.
     */
    public void cancel(long reservationId, OptionalLong buyer) {
        db.inTransaction(c -> {
            long seatId;
            try (PreparedStatement cancel = c.prepareStatement(
                    "UPDATE reservation SET cancelled_at = LOCALTIMESTAMP WHERE id = ? AND cancelled_at IS NULL RETURNING seat_id, user_id")) {
                cancel.setLong(1, reservationId);
                try (ResultSet rows = cancel.executeQuery()) {
                    if (!rows.next()) throw new UnknownReservation(reservationId);
                    seatId = rows.getLong(1);
                    if (buyer.isPresent() && buyer.getAsLong() != rows.getLong(2)) throw new NotOwner(reservationId);
                }
            }
            try (PreparedStatement release = c.prepareStatement(
                    "UPDATE seat SET status = 'AVAILABLE', version = version + 1 WHERE id = ?")) {
                release.setLong(1, seatId);
                release.executeUpdate();
            }
            return null;
        });
    }
}
