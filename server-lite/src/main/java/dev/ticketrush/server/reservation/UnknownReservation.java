package dev.ticketrush.server.reservation;

public final class UnknownReservation extends RuntimeException {
    public UnknownReservation(long reservationId) {
        super("Reservation not found: " + reservationId);
    }
}
