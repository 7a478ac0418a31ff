package dev.ticketrush.cli.swarm;

/** The synchronous lock strategies a buyer can use, with their contract paths. */
public enum Strategy {
    OPTIMISTIC("/api/reservations/v1/optimistic"),
    PESSIMISTIC("/api/reservations/v2/pessimistic"),
    DISTRIBUTED("/api/reservations/v3/distributed-lock");

    private final String path;

    Strategy(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public String label() {
        return name().toLowerCase();
    }
}
