package dev.ticketrush.server.waitingroom;

/** The contract's answer to join and status: {@code {userId, concertId, status, rank}}. */
public record QueuePosition(long userId, long concertId, String status, long rank) {

    public static final String WAITING = "WAITING";
    public static final String ACTIVE = "ACTIVE";
    public static final String REJECTED = "REJECTED";
    public static final String NONE = "NONE";
}
