package dev.ticketrush.server.waitingroom;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Contract step 6: for every concert with waiters, admits the head of the queue when its interval is due.
 * One Lua script per concert and tick checks and moves the {@code admission-due} time, pops the batch and
 * writes the {@code active-user:} keys: being atomic, it lets exactly one instance admit each batch.
 */
public final class AdmissionTicker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionTicker.class);
    /** Fine enough that a configured 500/s (50 every 100 ms) is kept. */
    private static final Duration TICK = Duration.ofMillis(50);

    /** A stall is made up for by at most this many batches at once, not by one burst. */
    private static final int MAX_CATCH_UP_BATCHES = 10;

    /*
     * KEYS: queue, due, throttle, admitted, rooms; ARGV: default count, default interval, TTL s, concert id, max catch-up.
     * The due key holds the next batch's time on Redis' clock, so every instance agrees and a late tick does not slow the rate;
     * it outlives its time by the catch-up window, so a room left alone that long starts afresh.
     */
    private static final String ADMIT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local interval = tonumber(redis.call('HGET', KEYS[3], 'admitIntervalMs') or ARGV[2])
            local due = tonumber(redis.call('GET', KEYS[2]))
            if due and now < due then return {} end
            local batches = 1
            local nextDue = now + interval
            if due and now - due < interval * tonumber(ARGV[5]) then
              batches = math.floor((now - due) / interval) + 1
              nextDue = due + batches * interval
            end
            redis.call('SET', KEYS[2], string.format('%d', nextDue), 'PX', string.format('%d', nextDue - now + interval * tonumber(ARGV[5])))
            local count = tonumber(redis.call('HGET', KEYS[3], 'admitCount') or ARGV[1]) * batches
            local heads = redis.call('ZPOPMIN', KEYS[1], count)
            local ttl = tonumber(ARGV[3])
            local admitted = {}
            for i = 1, #heads, 2 do
              redis.call('SET', 'active-user:' .. heads[i], '1', 'EX', ttl)
              redis.call('ZADD', KEYS[4], now + ttl * 1000, heads[i])
              admitted[#admitted + 1] = heads[i]
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
            if #admitted > 0 then redis.call('PEXPIRE', KEYS[4], ttl * 1000) end
            if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('SREM', KEYS[5], ARGV[4]) end
            return admitted""";

    private final RedissonClient redis;
    private final Throttle defaults;
    private final Duration activeTtl;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("admission-ticker").daemon().unstarted(runnable));

    public AdmissionTicker(RedissonClient redis, Throttle defaults, Duration activeTtl) {
        this.redis = redis;
        this.defaults = defaults;
        this.activeTtl = activeTtl;
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
                Long.toString(concertId), Integer.toString(MAX_CATCH_UP_BATCHES));
    }

    @Override
    public void close() throws InterruptedException {
        ticks.shutdownNow();
        ticks.awaitTermination(5, TimeUnit.SECONDS);
    }
}
