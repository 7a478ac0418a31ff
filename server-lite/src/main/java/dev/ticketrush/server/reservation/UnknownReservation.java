package dev.ticketrush.server.reservation;

import dev.ticketrush.server.http.NotFound;

public final class UnknownReservation extends NotFound {
    public UnknownReservation(long reservationId) {
        super("Reservation not found: " + reservationId);
    }
}
