package dev.ticketrush.server.waitingroom;

/**
 * A concert's waiting-room settings: how many may wait, and how many are admitted how often. Boxed, because the
 * admin endpoint reads it from JSON where a field may be missing; {@link #validated()} refuses that.
 *
 * @param capacity        waiters at most; a join beyond is REJECTED
 * @param admitCount      waiters admitted per batch
 * @param admitIntervalMs time between batches
 */
public record Throttle(Integer capacity, Integer admitCount, Long admitIntervalMs) {

    /** A line of ten million: a real on-sale's, far beyond the original's 100. */
    public static final int MAX_CAPACITY = 10_000_000;
    public static final int MAX_ADMIT_COUNT = 100_000;
    public static final long MIN_INTERVAL_MS = 10;
    public static final long MAX_INTERVAL_MS = 3_600_000;

    /** The original service's: 100 waiters, 10 admitted every 10 s. */
    public static final int DEFAULT_CAPACITY = 100;
    public static final int DEFAULT_ADMIT_COUNT = 10;
    public static final long DEFAULT_ADMIT_INTERVAL_MS = 10_000;
    public static final Throttle DEFAULT = new Throttle(DEFAULT_CAPACITY, DEFAULT_ADMIT_COUNT, DEFAULT_ADMIT_INTERVAL_MS);

    public static Throttle of(int capacity, int admitCount, long admitIntervalMs) {
        return new Throttle(capacity, admitCount, admitIntervalMs).validated();
    }

    /** This throttle, or an {@link InvalidThrottle} naming the first field out of range. */
    public Throttle validated() {
        if (capacity == null || capacity < 1 || capacity > MAX_CAPACITY) throw new InvalidThrottle("capacity must be 1.." + MAX_CAPACITY);
        if (admitCount == null || admitCount < 1 || admitCount > MAX_ADMIT_COUNT) throw new InvalidThrottle("admitCount must be 1.." + MAX_ADMIT_COUNT);
        if (admitIntervalMs == null || admitIntervalMs < MIN_INTERVAL_MS || admitIntervalMs > MAX_INTERVAL_MS) {
            throw new InvalidThrottle("admitIntervalMs must be " + MIN_INTERVAL_MS + ".." + MAX_INTERVAL_MS);
        }
        return this;
    }

    public double admissionsPerSecond() {
        return admitCount * 1000.0 / admitIntervalMs;
    }

    /** Seconds until a waiter at {@code rank} is admitted: whole batches ahead of it, each one interval apart. */
    public long estimatedWaitSeconds(long rank) {
        if (rank <= 0) return 0;
        long batchesAhead = (rank + admitCount - 1) / admitCount;
        return batchesAhead * admitIntervalMs / 1000;
    }
}
