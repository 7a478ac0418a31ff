package dev.ticketrush.server.asyncsale;

/**
 * Kafka did not confirm an accepted request in time. It may still have been written, so its id goes back to the
 * client: the request's status then tells whether it was settled or never arrived.
 */
public final class RequestNotQueued extends RuntimeException {

    private final long requestId;

    RequestNotQueued(long requestId, Throwable cause) {
        super("The reservation queue (Kafka) did not confirm request " + requestId + "; it may still be settled: ask "
                + "/api/reservations/v4/status?requestId=" + requestId, cause);
        this.requestId = requestId;
    }

    public long requestId() {
        return requestId;
    }
}
