package dev.ticketrush.server.reservation;

/** The buyer already holds a live reservation of this seat: a new request for it would do nothing. */
public final class SeatHeldByBuyer extends SaleRefused {
    public SeatHeldByBuyer(long userId, long seatId) {
        super("User " + userId + " already holds seat " + seatId);
    }
}
