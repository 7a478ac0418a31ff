package dev.ticketrush.server.asyncsale;

/** The 202 body of the async endpoints: the contract's two fields, then the request's id. */
public record Enqueued(String message, String strategy, long requestId) {

    public static Enqueued of(LockType lockType, long requestId) {
        return new Enqueued("Reservation request enqueued", lockType.name(), requestId);
    }
}
