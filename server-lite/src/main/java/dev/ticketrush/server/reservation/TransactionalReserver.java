package dev.ticketrush.server.reservation;

import dev.ticketrush.server.infra.Database;

/**
 * Runs a {@link SeatSale} in a transaction of its own. With {@code retries > 0} a lost race is retried that many
 * times (off by default: a retry almost always finds the seat sold).
 */
public final class TransactionalReserver implements Reserver {

    private final Database db;
    private final SeatSale sale;
    private final int retries;

    public TransactionalReserver(Database db, SeatSale sale, int retries) {
        if (retries < 0) throw new IllegalArgumentException("retries must be >= 0");
        this.db = db;
        this.sale = sale;
        this.retries = retries;
    }

    @Override
    public Reservation reserve(long userId, long seatId) {
        for (int attempt = 0; ; attempt++) {
            try {
                return db.inTransaction(c -> sale.sell(c, userId, seatId));
            } catch (LostRace e) {
                if (attempt >= retries) throw e;
            }
        }
    }
}
