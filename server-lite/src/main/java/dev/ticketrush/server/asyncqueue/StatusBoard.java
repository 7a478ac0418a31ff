package dev.ticketrush.server.asyncqueue;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.List;

/**
 * The async status keys {@code reservation:status:{userId}:{seatId}} (30 minute TTL). Every transition
 * is one Lua script, so a SUCCESS is never overwritten, and each change is published on
 * {@link #CHANNEL} for the SSE push of whichever instance holds the subscriber.
 */
public final class StatusBoard {

    public static final String CHANNEL = "reservation-status-events";
    static final Duration TTL = Duration.ofMinutes(30);

    /** Sets PENDING unless the request is already in flight or sold; answers 1 when the caller should enqueue. */
    private static final String CLAIM = """
            local current = redis.call('GET', KEYS[1])
            if current == 'PENDING' or current == 'PROCESSING' or current == 'SUCCESS' then return 0 end
            redis.call('SET', KEYS[1], 'PENDING', 'PX', ARGV[1])
            redis.call('PUBLISH', ARGV[2], ARGV[3] .. ':PENDING')
            return 1""";

    /** Moves to ARGV[1] unless the request already succeeded; answers 1 when it moved. */
    private static final String MOVE = """
            if redis.call('GET', KEYS[1]) == 'SUCCESS' then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('PUBLISH', ARGV[3], ARGV[4] .. ':' .. ARGV[1])
            return 1""";

    /** Forgets a PENDING claim whose message never reached Kafka. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == 'PENDING' then redis.call('DEL', KEYS[1]) end
            return 0""";

    private final RedissonClient redis;

    public StatusBoard(RedissonClient redis) {
        this.redis = redis;
    }

    public static String key(long userId, long seatId) {
        return "reservation:status:" + userId + ":" + seatId;
    }

    public boolean claim(long userId, long seatId) {
        return run(CLAIM, userId, seatId, Long.toString(TTL.toMillis()), CHANNEL, userId + ":" + seatId) == 1;
    }

    public void release(long userId, long seatId) {
        run(RELEASE, userId, seatId);
    }

    /** Moves the request to PROCESSING or a terminal status; false if it had already succeeded. */
    public boolean move(long userId, long seatId, String status) {
        return run(MOVE, userId, seatId, status, Long.toString(TTL.toMillis()), CHANNEL, userId + ":" + seatId) == 1;
    }

    public String status(long userId, long seatId) {
        Object value = redis.getBucket(key(userId, seatId), StringCodec.INSTANCE).get();
        return value == null ? AsyncStatus.NOT_FOUND : value.toString();
    }

    private long run(String script, long userId, long seatId, Object... args) {
        Long result = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, script, RScript.ReturnType.INTEGER,
                List.<Object>of(key(userId, seatId)), args);
        return result == null ? 0 : result;
    }
}
