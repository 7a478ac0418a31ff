package dev.ticketrush.server.reservation;

import dev.ticketrush.server.http.Conflict;

/** The seat is no longer AVAILABLE: somebody else has it. */
public final class SeatTaken extends Conflict {
    public SeatTaken(long seatId, String status) {
        super("Seat " + seatId + " is already " + status);
    }
}
