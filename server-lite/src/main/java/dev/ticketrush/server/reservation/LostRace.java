package dev.ticketrush.server.reservation;

import dev.ticketrush.server.http.Conflict;

/** Another buyer changed or held the seat first: an optimistic version conflict or a lock wait that ran out. */
public final class LostRace extends Conflict {
    public LostRace(long seatId, String how) {
        super("Seat " + seatId + " was taken concurrently (" + how + ")");
    }
}
