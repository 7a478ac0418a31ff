package dev.ticketrush.server.waitingroom;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * The data of RANK_UPDATE and ACTIVE frames: the contract's fields in its order, then server-lite's
 * {@code estimatedWaitSeconds} (0 unless WAITING) and, in signed admission mode on ACTIVE, the {@code admissionToken}.
 * The timestamp is an instant with exactly milliseconds.
 */
public record RankEvent(long userId, long concertId, String status, long rank, long activeTtlSeconds,
                        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", timezone = "UTC") Instant timestamp,
                        long estimatedWaitSeconds,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String admissionToken) {
}
