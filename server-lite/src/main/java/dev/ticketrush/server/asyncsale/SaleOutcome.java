package dev.ticketrush.server.asyncsale;

/** A request's final status as PostgreSQL holds it, with the reservation it made when it succeeded. */
public record SaleOutcome(long requestId, long userId, long seatId, SaleStatus status, Long reservationId) {
}
