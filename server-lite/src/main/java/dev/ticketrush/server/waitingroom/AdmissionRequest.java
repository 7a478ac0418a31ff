package dev.ticketrush.server.waitingroom;

import java.util.List;

/** The body of {@code POST /api/admin/admissions}: buyers to admit at once, and for how long (seconds, optional). */
public record AdmissionRequest(List<Long> userIds, Long ttlSeconds) {
}
