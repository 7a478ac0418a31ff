package dev.ticketrush.server.concert;

/** A seat as the contract shows it. */
public record Seat(long id, String seatNumber, String status) {
}
