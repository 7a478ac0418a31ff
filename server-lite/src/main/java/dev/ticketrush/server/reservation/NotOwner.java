package dev.ticketrush.server.reservation;

/** A User-Id that is not the reservation's own buyer tried to cancel it. */
public final class NotOwner extends RuntimeException {
    public NotOwner(long reservationId) {
        super("Only its own buyer (or an admin) may cancel reservation " + reservationId);
    }
}
