package dev.ticketrush.server.http;

/** What arrives on one connection, as {@link RequestDeadline} watches it. Called by the deadline's one thread. */
sealed interface Arrival permits Http1Arrival, Http2Arrival {

    /** Cuts off whatever has been arriving for longer than the deadline. */
    void enforce(long nowNanos, long deadlineNanos);
}
