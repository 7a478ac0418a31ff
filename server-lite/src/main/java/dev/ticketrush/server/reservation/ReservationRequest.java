package dev.ticketrush.server.reservation;

/** The body of every reservation create: {@code {userId, seatId}}. */
public record ReservationRequest(Long userId, Long seatId) {
}
