package dev.ticketrush.server.waitingroom;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Contract step 5: the queue of a concert on the sorted set {@code waiting-queue:{concertId}}. Join is one
 * Lua script, so capacity check and insert cannot race, and a repeated join keeps the original place.
 * The first waiter of a quiet room starts its admission clock: the first batch goes one interval later.
 */
public final class WaitingRoom {

    /*
     * KEYS: queue, active, throttle, rooms, due; ARGV: user id, join time ms, default capacity, concert id, default interval.
     * Only the first waiter of a quiet room starts the admission clock: a join must never push a due batch back.
     */
    private static final String JOIN = """
            if redis.call('EXISTS', KEYS[2]) == 1 then return {'ACTIVE', 0} end
            local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
            if rank then return {'WAITING', rank + 1} end
            local capacity = tonumber(redis.call('HGET', KEYS[3], 'capacity') or ARGV[3])
            local waiting = redis.call('ZCARD', KEYS[1])
            if waiting >= capacity then return {'REJECTED', -1} end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('SADD', KEYS[4], ARGV[4])
            if waiting == 0 then
              local t = redis.call('TIME')
              local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
              local due = tonumber(redis.call('GET', KEYS[5]))
              if not due or due < now then
                local interval = tonumber(redis.call('HGET', KEYS[3], 'admitIntervalMs') or ARGV[5])
                redis.call('SET', KEYS[5], string.format('%d', now + interval), 'PX', string.format('%d', 2 * interval))
              end
            end
            return {'WAITING', redis.call('ZRANK', KEYS[1], ARGV[1]) + 1}""";

    private static final String STATUS = """
            if redis.call('EXISTS', KEYS[2]) == 1 then return {'ACTIVE', 0} end
            local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
            if rank then return {'WAITING', rank + 1} end
            return {'NONE', -1}""";

    private final RedissonClient redis;
    private final Throttle defaults;
    private final Clock clock;

    public WaitingRoom(RedissonClient redis, Throttle defaults, Clock clock) {
        this.redis = redis;
        this.defaults = defaults;
        this.clock = clock;
    }

    public QueuePosition join(long userId, long concertId) {
        return position(userId, concertId, run(JOIN, List.of(WaitingRoomKeys.queue(concertId), WaitingRoomKeys.active(userId),
                        WaitingRoomKeys.throttle(concertId), WaitingRoomKeys.ROOMS_WITH_WAITERS, WaitingRoomKeys.admissionDue(concertId)),
                Long.toString(userId), Long.toString(clock.millis()), Integer.toString(defaults.capacity()), Long.toString(concertId),
                Long.toString(defaults.admitIntervalMs())));
    }

    public QueuePosition status(long userId, long concertId) {
        return position(userId, concertId, run(STATUS, List.of(WaitingRoomKeys.queue(concertId), WaitingRoomKeys.active(userId)),
                Long.toString(userId)));
    }

    /** Seconds left of the user's admission, 0 when not admitted. */
    public long activeTtlSeconds(long userId) {
        long ttlMs = redis.getBucket(WaitingRoomKeys.active(userId), StringCodec.INSTANCE).remainTimeToLive();
        return ttlMs > 0 ? ttlMs / 1000 : 0;
    }

    /** The concert's settings: its own if set through the admin endpoint, else the server's defaults. */
    public Throttle throttle(long concertId) {
        Map<String, String> stored = redis.<String, String>getMap(WaitingRoomKeys.throttle(concertId), StringCodec.INSTANCE).readAllMap();
        return new Throttle(
                stored.containsKey("capacity") ? Integer.valueOf(stored.get("capacity")) : defaults.capacity(),
                stored.containsKey("admitCount") ? Integer.valueOf(stored.get("admitCount")) : defaults.admitCount(),
                stored.containsKey("admitIntervalMs") ? Long.valueOf(stored.get("admitIntervalMs")) : defaults.admitIntervalMs());
    }

    /** Stores the concert's settings; they apply from the next tick on, the running interval included. */
    public void configure(long concertId, Throttle throttle) {
        redis.<String, String>getMap(WaitingRoomKeys.throttle(concertId), StringCodec.INSTANCE).putAll(Map.of(
                "capacity", throttle.capacity().toString(),
                "admitCount", throttle.admitCount().toString(),
                "admitIntervalMs", throttle.admitIntervalMs().toString()));
        redis.getBucket(WaitingRoomKeys.admissionDue(concertId), StringCodec.INSTANCE).delete();
    }

    /** Removes the concert's queue, settings and admission bookkeeping; admissions already given run out on their own. */
    public void forget(long concertId) {
        redis.getKeys().delete(WaitingRoomKeys.queue(concertId), WaitingRoomKeys.throttle(concertId),
                WaitingRoomKeys.admissionDue(concertId), WaitingRoomKeys.admitted(concertId));
        redis.getSet(WaitingRoomKeys.ROOMS_WITH_WAITERS, StringCodec.INSTANCE).remove(Long.toString(concertId));
    }

    /** Waiting and active counts, the admission rate, and how long the last in line may wait. */
    public Overview overview(long concertId) {
        Throttle throttle = throttle(concertId);
        long waiting = redis.getScoredSortedSet(WaitingRoomKeys.queue(concertId), StringCodec.INSTANCE).size();
        var admitted = redis.getScoredSortedSet(WaitingRoomKeys.admitted(concertId), StringCodec.INSTANCE);
        admitted.removeRangeByScore(Double.NEGATIVE_INFINITY, true, clock.millis(), true);
        long batchesAhead = (waiting + throttle.admitCount() - 1) / throttle.admitCount();
        return new Overview(concertId, waiting, admitted.size(), throttle.capacity(), throttle.admitCount(), throttle.admitIntervalMs(),
                Math.round(throttle.admissionsPerSecond() * 100) / 100.0, batchesAhead * throttle.admitIntervalMs() / 1000);
    }

    /** {@code GET /api/v1/waiting-queue/overview}. */
    public record Overview(long concertId, long waiting, long active, int capacity, int admitCount, long admitIntervalMs,
                           double admissionsPerSecond, long estimatedWaitSecondsForLast) {
    }

    private List<Object> run(String script, List<Object> keys, Object... args) {
        return redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, script, RScript.ReturnType.MULTI, keys, args);
    }

    private static QueuePosition position(long userId, long concertId, List<Object> reply) {
        return new QueuePosition(userId, concertId, reply.get(0).toString(), Long.parseLong(reply.get(1).toString()));
    }
}
