package dev.ticketrush.server.concert;

public final class UnknownConcert extends RuntimeException {
    public UnknownConcert(long concertId) {
        super("Concert not found: " + concertId);
    }
}
