package dev.ticketrush.server.asyncqueue;

/** The 202 body of the async endpoints. */
public record Enqueued(String message, String strategy) {

    public static Enqueued of(LockType lockType) {
        return new Enqueued("Reservation request enqueued", lockType.name());
    }
}
