package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.http.BadRequest;

/**
 * A concert's waiting-room settings: how many may wait, and how many are admitted how often.
 *
 * @param capacity        waiters at most; a join beyond is REJECTED
 * @param admitCount      waiters admitted per batch
 * @param admitIntervalMs time between batches
 */
public record Throttle(Integer capacity, Integer admitCount, Long admitIntervalMs) {

    /** The original service's: 100 waiters, 10 admitted every 10 s. */
    public static final Throttle DEFAULT = new Throttle(100, 10, 10_000L);

    public Throttle validated() {
        if (capacity == null || capacity < 1 || capacity > 1_000_000) throw new BadRequest("capacity must be 1..1000000");
        if (admitCount == null || admitCount < 1 || admitCount > 100_000) throw new BadRequest("admitCount must be 1..100000");
        if (admitIntervalMs == null || admitIntervalMs < 10 || admitIntervalMs > 3_600_000) throw new BadRequest("admitIntervalMs must be 10..3600000");
        return this;
    }

    public double admissionsPerSecond() {
        return admitCount * 1000.0 / admitIntervalMs;
    }
}
