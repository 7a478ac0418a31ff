package dev.ticketrush.server.concert;

/** One row of {@code GET /api/concerts}. */
public record ConcertSummary(long id, String title, String artistName) {
}
