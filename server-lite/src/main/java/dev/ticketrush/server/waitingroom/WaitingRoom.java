package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.infra.LuaScript;
import dev.ticketrush.server.infra.LuaScripts;
import dev.ticketrush.server.infra.RedisKeys;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Contract step 5: each concert's line on the sorted set {@code waiting-queue:{concertId}}. Join and status are one
 * Lua script each, and a buyer is admitted while {@code active-user:{userId}} exists: the one rule every answer uses.
 */
public final class WaitingRoom {

    private final RedissonClient redis;
    private final Throttle defaults;
    private final Duration admissionTtl;
    private final String admissionsChannel;
    private final LuaScript join;
    private final LuaScript position;
    private final LuaScript positions;
    private final LuaScript admitUsers;

    public WaitingRoom(RedissonClient redis, LuaScripts scripts, Throttle defaults, Duration admissionTtl, String admissionsChannel) {
        this.redis = redis;
        this.defaults = defaults;
        this.admissionTtl = admissionTtl;
        this.admissionsChannel = admissionsChannel;
        this.join = scripts.named("join");
        this.position = scripts.named("position");
        this.positions = scripts.named("positions");
        this.admitUsers = scripts.named("admit-users");
    }

    public QueuePosition join(long userId, long concertId) {
        List<Object> reply = join.runForList(List.of(RedisKeys.waitingQueue(concertId), RedisKeys.active(userId), RedisKeys.throttle(concertId),
                        RedisKeys.ROOMS_WITH_WAITERS, RedisKeys.admissionDue(concertId)),
                Long.toString(userId), Integer.toString(defaults.capacity()), Long.toString(concertId), Long.toString(defaults.admitIntervalMs()));
        return new QueuePosition(userId, concertId, reply.get(0).toString(), number(reply.get(1)));
    }

    public QueuePosition status(long userId, long concertId) {
        return standing(userId, concertId).position();
    }

    /** Where the buyer stands, with the admission time left and the line's admitted total, read in one step. */
    public Standing standing(long userId, long concertId) {
        List<Object> reply = position.runForList(List.of(RedisKeys.waitingQueue(concertId), RedisKeys.active(userId),
                RedisKeys.admittedTotal(concertId)), Long.toString(userId));
        return new Standing(new QueuePosition(userId, concertId, reply.get(0).toString(), number(reply.get(1))),
                number(reply.get(2)), number(reply.get(3)));
    }

    /** Where many buyers of one line stand, in one call: the line's admitted total, then each buyer's standing in order. */
    public List<Standing> standings(long concertId, List<Long> userIds) {
        List<Object> keys = new ArrayList<>(List.of(RedisKeys.waitingQueue(concertId), RedisKeys.admittedTotal(concertId)));
        userIds.forEach(user -> keys.add(RedisKeys.active(user)));
        List<Object> reply = positions.runForList(keys, userIds.stream().map(String::valueOf).toArray());
        long admitted = number(reply.get(0));
        List<Standing> standings = new ArrayList<>(userIds.size());
        for (int i = 0; i < userIds.size(); i++) {
            int at = 1 + i * 3;
            standings.add(new Standing(new QueuePosition(userIds.get(i), concertId, reply.get(at).toString(), number(reply.get(at + 1))),
                    number(reply.get(at + 2)), admitted));
        }
        return standings;
    }

    /** Admits buyers at once, as the original's scripts did by writing their keys, and tells every instance's subscribers. */
    public int admit(List<Long> userIds, Duration ttl) {
        List<Object> keys = new ArrayList<>(userIds.size());
        userIds.forEach(user -> keys.add(RedisKeys.active(user)));
        List<Object> args = new ArrayList<>(List.of(Long.toString(ttl.toSeconds()), admissionsChannel));
        userIds.forEach(user -> args.add(user.toString()));
        return (int) admitUsers.runForNumber(keys, args.toArray());
    }

    /** How long an admission lasts unless the admin endpoint says otherwise. */
    public Duration admissionTtl() {
        return admissionTtl;
    }

    /** The concert's settings: its own if set through the admin endpoint, else the server's defaults. */
    public Throttle throttle(long concertId) {
        Map<String, String> stored = redis.<String, String>getMap(RedisKeys.throttle(concertId), StringCodec.INSTANCE).readAllMap();
        return new Throttle(
                stored.containsKey("capacity") ? Integer.valueOf(stored.get("capacity")) : defaults.capacity(),
                stored.containsKey("admitCount") ? Integer.valueOf(stored.get("admitCount")) : defaults.admitCount(),
                stored.containsKey("admitIntervalMs") ? Long.valueOf(stored.get("admitIntervalMs")) : defaults.admitIntervalMs());
    }

    /** Stores the concert's settings; they apply from the next tick on, the running interval included. */
    public void configure(long concertId, Throttle throttle) {
        redis.<String, String>getMap(RedisKeys.throttle(concertId), StringCodec.INSTANCE).putAll(Map.of(
                "capacity", throttle.capacity().toString(),
                "admitCount", throttle.admitCount().toString(),
                "admitIntervalMs", throttle.admitIntervalMs().toString()));
        redis.getBucket(RedisKeys.admissionDue(concertId), StringCodec.INSTANCE).delete();
        redis.getTopic(admissionsChannel, StringCodec.INSTANCE).publish(concertId + " " + RankBroadcaster.SETTINGS_CHANGED + " 0");
    }

    /** Removes the concert's line, settings and admission bookkeeping; admissions already given run out on their own. */
    public void forget(long concertId) {
        redis.getKeys().delete(RedisKeys.roomKeys(concertId).toArray(String[]::new));
        redis.getSet(RedisKeys.ROOMS_WITH_WAITERS, StringCodec.INSTANCE).remove(Long.toString(concertId));
    }

    /** Waiting and active counts, the admission rate, and how long the last in line may wait. */
    public Overview overview(long concertId) {
        Throttle throttle = throttle(concertId);
        long waiting = redis.getScoredSortedSet(RedisKeys.waitingQueue(concertId), StringCodec.INSTANCE).size();
        long active = redis.getScoredSortedSet(RedisKeys.admitted(concertId), StringCodec.INSTANCE)
                .count(System.currentTimeMillis(), false, Double.POSITIVE_INFINITY, true);
        return new Overview(concertId, waiting, active, throttle.capacity(), throttle.admitCount(), throttle.admitIntervalMs(),
                Math.round(throttle.admissionsPerSecond() * 100) / 100.0, throttle.estimatedWaitSeconds(waiting));
    }

    /** Buyers the line has admitted since it opened, by every instance's ticks. */
    public long admittedTotal(long concertId) {
        String total = redis.<String>getBucket(RedisKeys.admittedTotal(concertId), StringCodec.INSTANCE).get();
        return total == null ? 0 : Long.parseLong(total);
    }

    /** {@code GET /api/v1/waiting-queue/overview}. */
    public record Overview(long concertId, long waiting, long active, int capacity, int admitCount, long admitIntervalMs,
                           double admissionsPerSecond, long estimatedWaitSecondsForLast) {
    }

    /** A buyer's position, the ms left of its admission (when ACTIVE), and how many the line had admitted when read. */
    public record Standing(QueuePosition position, long admissionMsLeft, long admittedTotal) {
    }

    private static long number(Object value) {
        return Long.parseLong(value.toString());
    }
}
