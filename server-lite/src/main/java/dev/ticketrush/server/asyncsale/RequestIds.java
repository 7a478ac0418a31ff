package dev.ticketrush.server.asyncsale;

import dev.ticketrush.server.infra.CallBatches;
import dev.ticketrush.server.infra.Database;
import dev.ticketrush.server.infra.DependencyUnavailable;
import dev.ticketrush.server.reservation.SeatHeldByBuyer;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Gives accepted requests their ids from PostgreSQL's sequence, one query for every request waiting: in a burst the
 * intake's round trip to PostgreSQL is shared by a batch of requests instead of paid by each. A buyer who already
 * holds the seat gets {@link SeatHeldByBuyer} instead of an id, as nothing would happen.
 */
public final class RequestIds implements AutoCloseable {

    private static final int MAX_BATCH = 256;
    /** Beyond the database's own socket timeout: a caller gives up only on a batch that never ends. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    /**
     * Whether each buyer holds its seat, read per seat through the index of live seats: as {@code EXISTS}, PostgreSQL
     * hashed every live reservation once a query, and the intake slowed as the sale went on (1,000 to 570 accepted/s in three bursts).
     */
    private static final String OPEN = "SELECT p.n, nextval('sale_request_id'), COALESCE((SELECT r.user_id = p.u FROM reservation r "
            + "WHERE r.seat_id = p.s AND r.cancelled_at IS NULL), false) FROM unnest(?::bigint[], ?::bigint[]) WITH ORDINALITY AS p(u, s, n)";

    private final Database db;
    private final CallBatches<Long, Opening> openings;

    public RequestIds(Database db) {
        this.db = db;
        this.openings = new CallBatches<>("request-ids", MAX_BATCH, this::openAll,
                () -> new DependencyUnavailable("postgres", "The server is stopping", null));
    }

    /** A new request id for the buyer and seat. */
    public long open(long userId, long seatId) {
        Opening opening = new Opening(userId, seatId, new CompletableFuture<>());
        return openings.call(opening, DEADLINE,
                () -> new DependencyUnavailable("postgres", "PostgreSQL did not give the request an id within " + DEADLINE.toSeconds() + " s", null));
    }

    private void openAll(List<Opening> batch) {
        Long[] users = batch.stream().map(Opening::userId).toArray(Long[]::new);
        Long[] seats = batch.stream().map(Opening::seatId).toArray(Long[]::new);
        db.read(c -> {
            try (PreparedStatement query = c.prepareStatement(OPEN)) {
                query.setArray(1, c.createArrayOf("bigint", users));
                query.setArray(2, c.createArrayOf("bigint", seats));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) batch.get(rows.getInt(1) - 1).answer(rows.getLong(2), rows.getBoolean(3));
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        openings.close();
    }

    private record Opening(long userId, long seatId, CompletableFuture<Long> reply) implements CallBatches.Call<Long> {

        void answer(long requestId, boolean seatHeld) {
            if (seatHeld) reply.completeExceptionally(new SeatHeldByBuyer(userId, seatId));
            else reply.complete(requestId);
        }
    }
}
