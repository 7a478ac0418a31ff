package dev.ticketrush.server.reservation;

/** The seat is no longer AVAILABLE: somebody else has it. */
public final class SeatTaken extends SaleRefused {
    public SeatTaken(long seatId, String status) {
        super("Seat " + seatId + " is already " + status);
    }
}
