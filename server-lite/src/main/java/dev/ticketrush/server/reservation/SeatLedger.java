package dev.ticketrush.server.reservation;

import dev.ticketrush.server.user.UnknownUser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The JDBC steps every strategy shares: read a seat, mark it sold, write the reservation. */
final class SeatLedger {

    /** SQLState of a unique violation: the partial index refused a second live reservation for a seat. */
    static final String UNIQUE_VIOLATION = "23505";
    static final String LOCK_NOT_AVAILABLE = "55P03";

    record SeatRow(long id, String status, long version) {
        boolean available() {
            return "AVAILABLE".equals(status);
        }
    }

    private SeatLedger() {
    }

    /** Checks the buyer exists and locks its row: one buyer's purchases then run one after the other, so its seat limit holds. */
    static void requireUser(Connection c, long userId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM app_user WHERE id = ? FOR UPDATE")) {
            query.setLong(1, userId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) throw new UnknownUser(userId);
            }
        }
    }

    /** Reads the seat, locking its row when {@code forUpdate}; an unknown seat is a 404. */
    static SeatRow readSeat(Connection c, long seatId, boolean forUpdate) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id, status, version FROM seat WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            query.setLong(1, seatId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) throw new UnknownSeat(seatId);
                return new SeatRow(rows.getLong(1), rows.getString(2), rows.getLong(3));
            }
        }
    }

    /** Refuses a buyer who already holds {@code limit} live reservations in the seat's concert. */
    static void requireUnderLimit(Connection c, long userId, long seatId, int limit) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT count(*) FROM reservation r JOIN seat s ON s.id = r.seat_id "
                + "JOIN concert_option o ON o.id = s.concert_option_id WHERE r.user_id = ? AND r.cancelled_at IS NULL "
                + "AND o.concert_id = (SELECT o2.concert_id FROM seat s2 JOIN concert_option o2 ON o2.id = s2.concert_option_id WHERE s2.id = ?)")) {
            query.setLong(1, userId);
            query.setLong(2, seatId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                if (rows.getInt(1) >= limit) throw new SeatLimitReached(userId, limit);
            }
        }
    }

    static SeatRow requireAvailable(SeatRow seat) {
        if (!seat.available()) throw new SeatTaken(seat.id(), seat.status());
        return seat;
    }

    /** Marks the seat RESERVED if it is still AVAILABLE at the version read; false when another buyer got there first. */
    static boolean markReserved(Connection c, SeatRow seat) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE seat SET status = 'RESERVED', version = version + 1 WHERE id = ? AND version = ? AND status = 'AVAILABLE'")) {
            update.setLong(1, seat.id());
            update.setLong(2, seat.version());
            return update.executeUpdate() == 1;
        }
    }

    static Reservation insertReservation(Connection c, long userId, long seatId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO reservation (user_id, seat_id) VALUES (?, ?) RETURNING id, reservation_time")) {
            insert.setLong(1, userId);
            insert.setLong(2, seatId);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return new Reservation(rows.getLong(1), userId, seatId, rows.getTimestamp(2).toLocalDateTime());
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) throw new SeatTaken(seatId, "held by a live reservation");
            throw e;
        }
    }
}
