package dev.ticketrush.server.concert;

import dev.ticketrush.server.http.NotFound;

public final class UnknownConcert extends NotFound {
    public UnknownConcert(long concertId) {
        super("Concert not found: " + concertId);
    }
}
