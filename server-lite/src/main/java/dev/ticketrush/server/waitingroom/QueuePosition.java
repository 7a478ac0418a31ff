package dev.ticketrush.server.waitingroom;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The contract's answer to join and status: {@code {userId, concertId, status, rank}}, then, in signed admission mode
 * and only when ACTIVE, the {@code admissionToken} reservations must carry.
 */
public record QueuePosition(long userId, long concertId, String status, long rank,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String admissionToken) {

    public static final String WAITING = "WAITING";
    public static final String ACTIVE = "ACTIVE";
    public static final String REJECTED = "REJECTED";
    public static final String NONE = "NONE";

    public QueuePosition(long userId, long concertId, String status, long rank) {
        this(userId, concertId, status, rank, null);
    }

    public QueuePosition withToken(String token) {
        return new QueuePosition(userId, concertId, status, rank, token);
    }
}
