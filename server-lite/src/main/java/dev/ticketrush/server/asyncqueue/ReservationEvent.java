package dev.ticketrush.server.asyncqueue;

/** The Kafka message value of the contract: {@code {userId, seatId, lockType}}, key = seatId. */
public record ReservationEvent(long userId, long seatId, LockType lockType) {
}
