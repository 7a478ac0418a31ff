package dev.ticketrush.server.waitingroom;

/** The body of {@code POST /api/v1/waiting-queue/join}. */
public record JoinRequest(Long userId, Long concertId) {
}
