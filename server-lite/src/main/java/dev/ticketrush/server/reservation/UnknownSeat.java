package dev.ticketrush.server.reservation;

import dev.ticketrush.server.http.NotFound;

public final class UnknownSeat extends NotFound {
    public UnknownSeat(long seatId) {
        super("Seat not found: " + seatId);
    }
}
