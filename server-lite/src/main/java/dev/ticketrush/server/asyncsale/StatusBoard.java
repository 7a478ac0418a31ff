package dev.ticketrush.server.asyncsale;

import dev.ticketrush.server.infra.LuaScript;
import dev.ticketrush.server.infra.LuaScripts;
import dev.ticketrush.server.infra.RedisKeys;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fast copy of async statuses in Redis: one key per request, the contract's key per (user, seat) pair showing
 * the pair's latest request, 30 minute TTL. Changes are written by one Lua script that never overwrites a final
 * status and publishes them on the deployment's channel, for whichever instance holds a v5 subscriber.
 */
public final class StatusBoard {

    static final Duration TTL = Duration.ofMinutes(30);
    static final String CHANNEL = "sale-status";

    /** A pair's status in Redis and the request it belongs to. */
    public record PairStatus(SaleStatus status, Long requestId) {
    }

    private final RedissonClient redis;
    private final LuaScript record;
    private final LuaScript forget;
    private final String channel;

    public StatusBoard(RedissonClient redis, LuaScripts scripts, String deploymentId) {
        this.redis = redis;
        this.record = scripts.named("sale-status");
        this.forget = scripts.named("sale-forget");
        this.channel = RedisKeys.channel(deploymentId, CHANNEL);
    }

    public String channel() {
        return channel;
    }

    public void record(long requestId, long userId, long seatId, SaleStatus status) {
        recordAll(List.of(new SaleOutcome(requestId, userId, seatId, status, null)));
    }

    /** Records each request's own status (the worker's runs): one script call and one published message for them all. */
    public void recordAll(List<SaleOutcome> requests) {
        if (requests.isEmpty()) return;
        List<Object> keys = new ArrayList<>(3 * requests.size());
        Object[] args = new Object[2 + 4 * requests.size()];
        args[0] = Long.toString(TTL.toMillis());
        args[1] = channel;
        int at = 2;
        for (SaleOutcome r : requests) {
            keys.addAll(keys(r.requestId(), r.userId(), r.seatId()));
            args[at++] = Long.toString(r.requestId());
            args[at++] = r.status().name();
            args[at++] = Long.toString(r.userId());
            args[at++] = Long.toString(r.seatId());
        }
        record.runForNumber(keys, args);
    }

    /** Forgets a request that never reached Kafka. */
    public void forget(long requestId, long userId, long seatId) {
        forget.runForNumber(keys(requestId, userId, seatId), Long.toString(requestId));
    }

    /** Deletes every status key of these requests: their concert is gone. */
    public void forgetAll(List<SaleOutcome> requests) {
        if (requests.isEmpty()) return;
        RBatch batch = redis.createBatch();
        for (SaleOutcome request : requests) {
            batch.getKeys().deleteAsync(RedisKeys.requestStatus(request.requestId()), RedisKeys.pairStatus(request.userId(), request.seatId()),
                    RedisKeys.latestRequest(request.userId(), request.seatId()));
        }
        batch.execute();
    }

    public Optional<SaleStatus> ofRequest(long requestId) {
        Object value = redis.getBucket(RedisKeys.requestStatus(requestId), StringCodec.INSTANCE).get();
        return value == null ? Optional.empty() : Optional.of(SaleStatus.valueOf(value.toString()));
    }

    public Optional<PairStatus> ofPair(long userId, long seatId) {
        RBatch batch = redis.createBatch();
        RFuture<Object> status = batch.getBucket(RedisKeys.pairStatus(userId, seatId), StringCodec.INSTANCE).getAsync();
        RFuture<Object> latest = batch.getBucket(RedisKeys.latestRequest(userId, seatId), StringCodec.INSTANCE).getAsync();
        batch.execute();
        Object value = status.toCompletableFuture().join();
        Object request = latest.toCompletableFuture().join();
        if (value == null) return Optional.empty();
        return Optional.of(new PairStatus(SaleStatus.valueOf(value.toString()), request == null ? null : Long.valueOf(request.toString())));
    }

    private static List<Object> keys(long requestId, long userId, long seatId) {
        return List.of(RedisKeys.requestStatus(requestId), RedisKeys.pairStatus(userId, seatId), RedisKeys.latestRequest(userId, seatId));
    }
}
