package dev.ticketrush.server.reservation;

/** The buyer already holds as many seats of this concert as one buyer may. */
public final class SeatLimitReached extends SaleRefused {
    public SeatLimitReached(long userId, int limit) {
        super("User " + userId + " already holds " + limit + " seats of this concert, the most one buyer may hold");
    }
}
