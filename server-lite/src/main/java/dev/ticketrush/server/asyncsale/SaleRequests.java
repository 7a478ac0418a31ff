package dev.ticketrush.server.asyncsale;

import dev.ticketrush.server.concert.ConcertCleanup;
import dev.ticketrush.server.concert.UnknownConcert;
import dev.ticketrush.server.infra.Database;
import dev.ticketrush.server.reservation.LostRace;
import dev.ticketrush.server.reservation.SeatLimitReached;
import dev.ticketrush.server.reservation.SeatSale;
import dev.ticketrush.server.reservation.SeatTaken;
import dev.ticketrush.server.reservation.UnknownSeat;
import dev.ticketrush.server.user.UnknownUser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable side of async requests in PostgreSQL. A request gets its id from a sequence when it is accepted and
 * its row when it is settled, in the transaction of its sale or refusal: the row is the true answer, whatever
 * happens to Redis, and a request is pending exactly while it has an id and no row.
 */
public final class SaleRequests implements ConcertCleanup {

    static final String OUTCOME_COLUMNS = "SELECT id, user_id, seat_id, status, reservation_id FROM sale_request ";
    static final String INSERT_ROW = "INSERT INTO sale_request (id, user_id, seat_id, lock_type, status, reservation_id, accepted_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";

    private final Database db;
    private final StatusBoard board;

    public SaleRequests(Database db, StatusBoard board) {
        this.db = db;
        this.board = board;
    }

    /** Settlement of runs of requests in one transaction each, falling back to {@link #settle} one at a time. */
    BatchSettlement inBatches(AsyncSaleWorker.Sales sales) {
        return new BatchSettlement(db, this, sales);
    }

    /** The request's final outcome, if it has one. */
    public Optional<SaleOutcome> outcome(long requestId) {
        return db.read(c -> one(c, OUTCOME_COLUMNS + "WHERE id = ?", requestId));
    }

    /** The final outcome of the pair's latest settled request, if any. */
    public Optional<SaleOutcome> latestOf(long userId, long seatId) {
        return db.read(c -> one(c, OUTCOME_COLUMNS + "WHERE user_id = ? AND seat_id = ? ORDER BY id DESC LIMIT 1", userId, seatId));
    }

    /**
     * Sells the request's seat with {@code sale}, or records why not, and writes the row, in one transaction. A request
     * already settled (a redelivery, or another instance got there first) answers its recorded outcome and sells nothing.
     */
    public SaleOutcome settle(long requestId, SaleRequest request, LocalDateTime acceptedAt, SeatSale sale) {
        try {
            return db.inTransaction(c -> {
                Optional<SaleOutcome> done = one(c, OUTCOME_COLUMNS + "WHERE id = ?", requestId);
                if (done.isPresent()) return done.get();
                SaleOutcome outcome = attempt(c, requestId, request, sale);
                if (!insert(c, outcome, request.lockType(), acceptedAt)) throw new SettledElsewhere();
                return outcome;
            });
        } catch (SettledElsewhere e) {
            return outcome(requestId).orElseThrow(() -> new IllegalStateException("request " + requestId + " settled elsewhere but has no row"));
        }
    }

    /** The sale inside a savepoint, so a refusal leaves the transaction usable for the refusal's row. */
    private static SaleOutcome attempt(Connection c, long requestId, SaleRequest request, SeatSale sale) throws SQLException {
        Savepoint beforeSale = c.setSavepoint();
        try {
            SaleOutcome sold = sellOrRecordRefusal(c, requestId, request, sale);
            if (sold.status() == SaleStatus.SUCCESS) c.releaseSavepoint(beforeSale);
            else c.rollback(beforeSale);
            return sold;
        } catch (SQLException | RuntimeException e) {
            c.rollback(beforeSale);
            throw e;
        }
    }

    /** Sells the request's seat, or answers the FAIL status its refusal deserves; a database error propagates. */
    static SaleOutcome sellOrRecordRefusal(Connection c, long requestId, SaleRequest request, SeatSale sale) throws SQLException {
        SaleStatus status;
        try {
            long reservationId = sale.sell(c, request.userId(), request.seatId()).id();
            return new SaleOutcome(requestId, request.userId(), request.seatId(), SaleStatus.SUCCESS, reservationId);
        } catch (SeatTaken e) {
            status = SaleStatus.FAIL_ALREADY_RESERVED;
        } catch (LostRace e) {
            status = request.lockType() == LockType.OPTIMISTIC ? SaleStatus.FAIL_OPTIMISTIC_CONFLICT : SaleStatus.FAIL;
        } catch (SeatLimitReached e) {
            status = SaleStatus.FAIL;
        } catch (UnknownSeat | UnknownUser e) {
            status = SaleStatus.FAIL_DATA_NOT_FOUND;
        }
        return new SaleOutcome(requestId, request.userId(), request.seatId(), status, null);
    }

    static boolean insert(Connection c, SaleOutcome outcome, LockType lockType, LocalDateTime acceptedAt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_ROW)) {
            bindRow(insert, outcome, lockType, acceptedAt);
            return insert.executeUpdate() == 1;
        }
    }

    /** Binds the parameters of {@link #INSERT_ROW}. */
    static void bindRow(PreparedStatement insert, SaleOutcome outcome, LockType lockType, LocalDateTime acceptedAt) throws SQLException {
        insert.setLong(1, outcome.requestId());
        insert.setLong(2, outcome.userId());
        insert.setLong(3, outcome.seatId());
        insert.setString(4, lockType.name());
        insert.setString(5, outcome.status().name());
        insert.setObject(6, outcome.reservationId());
        insert.setTimestamp(7, Timestamp.valueOf(acceptedAt));
    }

    /** The outcome in the current row of a query that selects {@link #OUTCOME_COLUMNS}. */
    static SaleOutcome outcomeOf(ResultSet rows) throws SQLException {
        long reservation = rows.getLong(5);
        return new SaleOutcome(rows.getLong(1), rows.getLong(2), rows.getLong(3), SaleStatus.valueOf(rows.getString(4)), rows.wasNull() ? null : reservation);
    }

    /** Settled requests of the concert's seats, counted by status; an unknown concert is an {@link UnknownConcert}. */
    public Map<String, Long> countsForConcert(long concertId) {
        return db.read(c -> {
            try (PreparedStatement known = c.prepareStatement("SELECT 1 FROM concert WHERE id = ?")) {
                known.setLong(1, concertId);
                try (ResultSet rows = known.executeQuery()) {
                    if (!rows.next()) throw new UnknownConcert(concertId);
                }
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            try (PreparedStatement query = c.prepareStatement("SELECT r.status, count(*) FROM sale_request r JOIN seat s ON s.id = r.seat_id "
                    + "JOIN concert_option o ON o.id = s.concert_option_id WHERE o.concert_id = ? GROUP BY r.status ORDER BY r.status")) {
                query.setLong(1, concertId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    /** Removes the concert's settled requests; their status keys in Redis go once the removal has committed. */
    @Override
    public Runnable remove(Connection c, long concertId) throws SQLException {
        List<SaleOutcome> removed = new ArrayList<>();
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM sale_request WHERE seat_id IN (SELECT s.id FROM seat s "
                + "JOIN concert_option o ON o.id = s.concert_option_id WHERE o.concert_id = ?) RETURNING id, user_id, seat_id, status, reservation_id")) {
            delete.setLong(1, concertId);
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) removed.add(new SaleOutcome(rows.getLong(1), rows.getLong(2), rows.getLong(3), SaleStatus.valueOf(rows.getString(4)), null));
            }
        }
        return () -> board.forgetAll(removed);
    }

    private static Optional<SaleOutcome> one(Connection c, String sql, long... params) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) query.setLong(i + 1, params[i]);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(outcomeOf(rows)) : Optional.empty();
            }
        }
    }

    /** Another delivery of the same request wrote its row first: this transaction rolls back and adopts that outcome. */
    private static final class SettledElsewhere extends RuntimeException {
        SettledElsewhere() {
            super(null, null, false, false);
        }
    }
}
