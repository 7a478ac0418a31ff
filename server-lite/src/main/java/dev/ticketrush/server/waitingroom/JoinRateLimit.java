package dev.ticketrush.server.waitingroom;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;

/**
 * Joins per client address: a token bucket each (a second's worth, refilled every second), forgotten a minute after
 * the address was last seen. Counted per instance, so N instances admit N times the rate from one address.
 */
public final class JoinRateLimit {

    private final int perSecond;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(1)).maximumSize(1_000_000).build();

    /** @param perSecond joins one address may make per second; 0 = no limit */
    public JoinRateLimit(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Lets one join from {@code address} through, or refuses it with {@link TooManyJoins}; loopback always passes. */
    public void acquire(String address, boolean loopback) {
        if (perSecond == 0 || loopback) return;
        Bucket bucket = buckets.get(address, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build());
        if (!bucket.tryConsume(1)) throw new TooManyJoins(address, perSecond);
    }
}
