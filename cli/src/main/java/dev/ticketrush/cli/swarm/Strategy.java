package dev.ticketrush.cli.swarm;

/** The synchronous lock strategies a buyer can use, with their contract paths. */
public enum Strategy {
    OPTIMISTIC("/api/reservations/v1/optimistic"),
    PESSIMISTIC("/api/reservations/v2/pessimistic"),
    DISTRIBUTED("/api/reservations/v3/distributed-lock"),
    /** Through Kafka, the result awaited as RESERVATION_STATUS over SSE. */
    ASYNC_OPTIMISTIC("/api/reservations/v5-opt/queue-sse"),
    ASYNC_PESSIMISTIC("/api/reservations/v4-pes/queue-polling");

    private final String path;

    Strategy(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }

    public boolean isAsync() {
        return this == ASYNC_OPTIMISTIC || this == ASYNC_PESSIMISTIC;
    }
}
