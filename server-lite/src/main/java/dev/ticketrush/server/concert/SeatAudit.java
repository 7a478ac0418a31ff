package dev.ticketrush.server.concert;

import java.util.List;

/** One seat with every live reservation that names it, read straight from the tables: what an independent check compares. */
public record SeatAudit(long seatId, String seatNumber, String status, List<Holder> reservations) {

    /** A live reservation of the seat. */
    public record Holder(long id, long userId) {
    }
}
