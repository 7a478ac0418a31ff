package dev.ticketrush.server.concert;

import dev.ticketrush.server.infra.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Concerts, their options and seats in PostgreSQL. */
public final class ConcertStore {

    private final Database db;
    private final List<ConcertCleanup> cleanups;

    /** @param cleanups what other features keep of a concert, removed with it */
    public ConcertStore(Database db, List<ConcertCleanup> cleanups) {
        this.db = db;
        this.cleanups = cleanups;
    }

    /** Creates the concert, one option and its seats A-1..A-n in one transaction. */
    public SetupResult setup(ConcertSetup setup) {
        return db.inTransaction(c -> {
            long concertId = insertReturningId(c, "INSERT INTO concert (title, artist_name, agency_name) VALUES (?, ?, ?) RETURNING id",
                    setup.title(), setup.artistName(), setup.agencyName());
            long optionId = insertReturningId(c, "INSERT INTO concert_option (concert_id, concert_date) VALUES (?, ?) RETURNING id",
                    concertId, Timestamp.valueOf(setup.concertDate()));
            try (PreparedStatement seats = c.prepareStatement(
                    "INSERT INTO seat (concert_option_id, seat_number) SELECT ?, 'A-' || n FROM generate_series(1, ?) AS n ORDER BY n")) {
                seats.setLong(1, optionId);
                seats.setInt(2, setup.seatCount());
                seats.executeUpdate();
            }
            return new SetupResult(concertId, optionId);
        });
    }

    /** Removes the concert and what other features keep of it; options, seats and reservations go with it by cascade. */
    public void cleanup(long concertId) {
        List<Runnable> afterCommit = new ArrayList<>();
        int deleted = db.inTransaction(c -> {
            afterCommit.clear();
            for (ConcertCleanup cleanup : cleanups) afterCommit.add(cleanup.remove(c, concertId));
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM concert WHERE id = ?")) {
                delete.setLong(1, concertId);
                return delete.executeUpdate();
            }
        });
        if (deleted == 0) throw new UnknownConcert(concertId);
        afterCommit.forEach(Runnable::run);
    }

    public List<ConcertSummary> list() {
        return db.read(c -> {
            List<ConcertSummary> concerts = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT id, title, artist_name FROM concert ORDER BY id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) concerts.add(new ConcertSummary(rows.getLong(1), rows.getString(2), rows.getString(3)));
            }
            return concerts;
        });
    }

    /** Every concert's seats, sold and available, in one grouped read. */
    public Map<Long, SeatCount> seatCounts() {
        return db.read(c -> {
            Map<Long, SeatCount> counts = new HashMap<>();
            try (PreparedStatement query = c.prepareStatement("SELECT o.concert_id, count(*) FILTER (WHERE s.status <> 'AVAILABLE'), "
                    + "count(*) FILTER (WHERE s.status = 'AVAILABLE') FROM seat s JOIN concert_option o ON o.id = s.concert_option_id GROUP BY o.concert_id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) counts.put(rows.getLong(1), new SeatCount(rows.getLong(2), rows.getLong(3)));
            }
            return counts;
        });
    }

    public boolean exists(long concertId) {
        return db.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM concert WHERE id = ?")) {
                query.setLong(1, concertId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** The concert a seat belongs to, or 0 (no concert) for an unknown seat. */
    public long concertOfSeat(long seatId) {
        return db.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT o.concert_id FROM seat s JOIN concert_option o ON o.id = s.concert_option_id WHERE s.id = ?")) {
                query.setLong(1, seatId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    public List<ConcertOption> options(long concertId) {
        List<ConcertOption> options = db.read(c -> {
            List<ConcertOption> found = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT id, concert_date FROM concert_option WHERE concert_id = ? ORDER BY id")) {
                query.setLong(1, concertId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) found.add(new ConcertOption(rows.getLong(1), rows.getTimestamp(2).toLocalDateTime()));
                }
            }
            return found;
        });
        if (options.isEmpty() && !exists(concertId)) throw new UnknownConcert(concertId);
        return options;
    }

    /** The option's AVAILABLE seats in id order; an unknown option is a 404, a sold-out one an empty list. */
    public List<Seat> availableSeats(long optionId) {
        return db.read(c -> {
            requireOption(c, optionId);
            List<Seat> seats = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id, seat_number, status FROM seat WHERE concert_option_id = ? AND status = 'AVAILABLE' ORDER BY id")) {
                query.setLong(1, optionId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) seats.add(new Seat(rows.getLong(1), rows.getString(2), rows.getString(3)));
                }
            }
            return seats;
        });
    }

    /** Every seat of the option with its live reservations, in seat id order; an unknown option is a 404. */
    public List<SeatAudit> audit(long optionId) {
        return db.read(c -> {
            requireOption(c, optionId);
            List<SeatAudit> seats = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT s.id, s.seat_number, s.status, r.id, r.user_id FROM seat s "
                            + "LEFT JOIN reservation r ON r.seat_id = s.id AND r.cancelled_at IS NULL "
                            + "WHERE s.concert_option_id = ? ORDER BY s.id, r.id")) {
                query.setLong(1, optionId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long seatId = rows.getLong(1);
                        if (seats.isEmpty() || seats.getLast().seatId() != seatId) {
                            seats.add(new SeatAudit(seatId, rows.getString(2), rows.getString(3), new ArrayList<>()));
                        }
                        long reservationId = rows.getLong(4);
                        if (!rows.wasNull()) seats.getLast().reservations().add(new SeatAudit.Holder(reservationId, rows.getLong(5)));
                    }
                }
            }
            return seats;
        });
    }

    private static void requireOption(Connection c, long optionId) throws SQLException {
        try (PreparedStatement known = c.prepareStatement("SELECT 1 FROM concert_option WHERE id = ?")) {
            known.setLong(1, optionId);
            try (ResultSet rows = known.executeQuery()) {
                if (!rows.next()) throw new UnknownOption(optionId);
            }
        }
    }

    private static long insertReturningId(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) insert.setObject(i + 1, values[i]);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
