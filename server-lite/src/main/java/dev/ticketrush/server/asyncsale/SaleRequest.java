package dev.ticketrush.server.asyncsale;

/**
 * The Kafka message of an async request: the contract's {@code {userId, seatId, lockType}}, key = seatId, with the
 * request's id appended. Producers of the original service send no id; the worker gives those one.
 */
public record SaleRequest(long userId, long seatId, LockType lockType, Long requestId) {
}
