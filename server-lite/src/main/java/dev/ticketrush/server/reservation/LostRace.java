package dev.ticketrush.server.reservation;

/** Another buyer changed or held the seat first: an optimistic version conflict or a lock wait that ran out. */
public final class LostRace extends SaleRefused {
    public LostRace(long seatId, String how) {
        super("Seat " + seatId + " was taken concurrently (" + how + ")");
    }
}
