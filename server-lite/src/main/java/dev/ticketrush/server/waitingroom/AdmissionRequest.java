package dev.ticketrush.server.waitingroom;

import java.util.List;

/**
 * The body of {@code POST /api/admin/admissions}: buyers to admit at once, for how long (seconds, optional), and, in
 * signed admission mode, the concert their tokens are for (optional).
 */
public record AdmissionRequest(List<Long> userIds, Long ttlSeconds, Long concertId) {
}
