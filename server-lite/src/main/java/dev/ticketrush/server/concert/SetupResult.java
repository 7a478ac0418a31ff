package dev.ticketrush.server.concert;

/** What a setup created. */
public record SetupResult(long concertId, long optionId) {
}
