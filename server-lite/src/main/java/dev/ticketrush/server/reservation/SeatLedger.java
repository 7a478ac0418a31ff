package dev.ticketrush.server.reservation;

import dev.ticketrush.server.user.UnknownUser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/** The JDBC steps every strategy shares: lock the buyer and read the seat, then sell it and write the reservation in one statement. */
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

    /** The live reservations a buyer (parameter 1) holds in the concert of a seat (parameter 2). */
    private static final String HELD_IN_CONCERT = "SELECT count(*) AS n FROM reservation r JOIN seat s ON s.id = r.seat_id "
            + "JOIN concert_option o ON o.id = s.concert_option_id WHERE r.user_id = ? AND r.cancelled_at IS NULL "
            + "AND o.concert_id = (SELECT o2.concert_id FROM seat s2 JOIN concert_option o2 ON o2.id = s2.concert_option_id WHERE s2.id = ?)";

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

    /**
     * One round trip: locks the buyer's row (so one buyer's purchases run one after the other and its seat limit holds)
     * and reads the seat, locking it too when {@code lockSeat}. An unknown buyer or seat is a 404.
     */
    static SeatRow lockBuyerAndReadSeat(Connection c, long userId, long seatId, boolean lockSeat) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT s.id, s.status, s.version FROM app_user u, seat s WHERE u.id = ? AND s.id = ? "
                + "FOR UPDATE OF u" + (lockSeat ? ", s" : ""))) {
            query.setLong(1, userId);
            query.setLong(2, seatId);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) return new SeatRow(rows.getLong(1), rows.getString(2), rows.getLong(3));
            }
        }
        requireUser(c, userId);
        throw new UnknownSeat(seatId);
    }

    static SeatRow requireAvailable(SeatRow seat) {
        if (!seat.available()) throw new SeatTaken(seat.id(), seat.status());
        return seat;
    }

    /**
     * One round trip, under the buyer's row lock: marks the seat RESERVED if it is still AVAILABLE at the version read and
     * the buyer holds fewer than {@code limit} live reservations in its concert, and writes the reservation. Empty when
     * either did not hold; {@link #holdsAtLeast} tells which.
     */
    private static Optional<Reservation> sell(Connection c, long userId, SeatRow seat, int limit) throws SQLException {
        try (PreparedStatement sale = c.prepareStatement("WITH held AS (" + HELD_IN_CONCERT + "), "
                + "sold AS (UPDATE seat SET status = 'RESERVED', version = version + 1 "
                + "WHERE id = ? AND version = ? AND status = 'AVAILABLE' AND (SELECT n FROM held) < ? RETURNING id) "
                + "INSERT INTO reservation (user_id, seat_id) SELECT ?, id FROM sold RETURNING id, reservation_time")) {
            sale.setLong(1, userId);
            sale.setLong(2, seat.id());
            sale.setLong(3, seat.id());
            sale.setLong(4, seat.version());
            sale.setInt(5, limit);
            sale.setLong(6, userId);
            try (ResultSet rows = sale.executeQuery()) {
                if (!rows.next()) return Optional.empty();
                return Optional.of(new Reservation(rows.getLong(1), userId, seat.id(), rows.getTimestamp(2).toLocalDateTime()));
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) throw new SeatTaken(seat.id(), "held by a live reservation");
            throw e;
        }
    }

    /** {@link #sell}, or the refusal that explains why it sold nothing: the buyer's seat limit, else {@code lostRace}. */
    static Reservation sellOrRefuse(Connection c, long userId, SeatRow seat, int limit, Supplier<RuntimeException> lostRace) throws SQLException {
        Optional<Reservation> sold = sell(c, userId, seat, limit);
        if (sold.isPresent()) return sold.get();
        if (holdsAtLeast(c, userId, seat.id(), limit)) throw new SeatLimitReached(userId, limit);
        throw lostRace.get();
    }

    /** Whether the buyer holds {@code limit} or more live reservations in the seat's concert. */
    private static boolean holdsAtLeast(Connection c, long userId, long seatId, int limit) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(HELD_IN_CONCERT)) {
            query.setLong(1, userId);
            query.setLong(2, seatId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) >= limit;
            }
        }
    }
}
