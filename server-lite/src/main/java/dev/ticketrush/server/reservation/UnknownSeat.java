package dev.ticketrush.server.reservation;

public final class UnknownSeat extends RuntimeException {
    public UnknownSeat(long seatId) {
        super("Seat not found: " + seatId);
    }
}
