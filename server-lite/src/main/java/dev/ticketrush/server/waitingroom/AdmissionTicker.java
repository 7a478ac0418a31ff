package dev.ticketrush.server.waitingroom;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Contract step 6: for every concert with waiters, admits the head of the queue when its interval is due.
 * One Lua script per concert and tick pops the batch and writes the {@code active-user:} keys; the
 * {@code admission-due} key it sets with SET NX PX lets exactly one instance admit per interval.
 */
public final class AdmissionTicker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionTicker.class);
    /** Fine enough that a configured 500/s (50 every 100 ms) is kept. */
    private static final Duration TICK = Duration.ofMillis(50);

    private static final String ADMIT = """
            local interval = tonumber(redis.call('HGET', KEYS[3], 'admitIntervalMs') or ARGV[2])
            if not redis.call('SET', KEYS[2], '1', 'PX', interval, 'NX') then return {} end
            local count = tonumber(redis.call('HGET', KEYS[3], 'admitCount') or ARGV[1])
            local heads = redis.call('ZPOPMIN', KEYS[1], count)
            local admitted = {}
            for i = 1, #heads, 2 do
              redis.call('SET', 'active-user:' .. heads[i], '1', 'EX', ARGV[3])
              redis.call('ZADD', KEYS[4], tonumber(ARGV[4]) + tonumber(ARGV[3]) * 1000, heads[i])
              admitted[#admitted + 1] = heads[i]
            end
            if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('SREM', KEYS[5], ARGV[5]) end
            return admitted""";

    private final RedissonClient redis;
    private final Throttle defaults;
    private final Duration activeTtl;
    private final Clock clock;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("admission-ticker").daemon().unstarted(runnable));

    public AdmissionTicker(RedissonClient redis, Throttle defaults, Duration activeTtl, Clock clock) {
        this.redis = redis;
        this.defaults = defaults;
        this.activeTtl = activeTtl;
        this.clock = clock;
    }

    public AdmissionTicker start() {
        ticks.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        try {
            Set<String> concerts = redis.<String>getSet(WaitingRoomKeys.ROOMS_WITH_WAITERS, StringCodec.INSTANCE).readAll();
            for (String concert : concerts) admit(Long.parseLong(concert));
        } catch (RuntimeException e) {
            if (!ticks.isShutdown()) LOG.warn("admission tick failed: {}", e.toString());
        }
    }

    /** Admits the concert's next batch if it is due; answers the admitted user ids (empty when not due). */
    public List<Object> admit(long concertId) {
        return redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, ADMIT, RScript.ReturnType.MULTI,
                List.of(WaitingRoomKeys.queue(concertId), WaitingRoomKeys.admissionDue(concertId), WaitingRoomKeys.throttle(concertId),
                        WaitingRoomKeys.admitted(concertId), WaitingRoomKeys.ROOMS_WITH_WAITERS),
                defaults.admitCount().toString(), defaults.admitIntervalMs().toString(), Long.toString(activeTtl.toSeconds()),
                Long.toString(clock.millis()), Long.toString(concertId));
    }

    @Override
    public void close() throws InterruptedException {
        ticks.shutdownNow();
        ticks.awaitTermination(5, TimeUnit.SECONDS);
    }
}
