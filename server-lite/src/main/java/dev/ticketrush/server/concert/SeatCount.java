package dev.ticketrush.server.concert;

/** A concert's seats: sold (reserved or held) and still available. */
public record SeatCount(long sold, long available) {

    public static final SeatCount NONE = new SeatCount(0, 0);
}
