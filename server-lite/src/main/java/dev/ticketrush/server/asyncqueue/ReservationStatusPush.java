package dev.ticketrush.server.asyncqueue;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands status changes published by any instance's {@link StatusBoard} to this instance's v5 subscribers:
 * one Redis subscription per instance, whatever the number of subscribers.
 */
public final class ReservationStatusPush implements AutoCloseable {

    private final RTopic topic;
    private final Map<String, Set<BlockingQueue<String>>> subscribers = new ConcurrentHashMap<>();
    private final int listenerId;

    public ReservationStatusPush(RedissonClient redis) {
        this.topic = redis.getTopic(StatusBoard.CHANNEL, StringCodec.INSTANCE);
        this.listenerId = topic.addListener(String.class, (channel, message) -> deliver(message));
    }

    /** Changes of one request, as they happen, until {@link #unsubscribe}. */
    public BlockingQueue<String> subscribe(long userId, long seatId) {
        BlockingQueue<String> changes = new LinkedBlockingQueue<>();
        subscribers.computeIfAbsent(userId + ":" + seatId, key -> ConcurrentHashMap.newKeySet()).add(changes);
        return changes;
    }

    public void unsubscribe(long userId, long seatId, BlockingQueue<String> changes) {
        subscribers.computeIfPresent(userId + ":" + seatId, (key, set) -> {
            set.remove(changes);
            return set.isEmpty() ? null : set;
        });
    }

    /** Messages are {@code userId:seatId:STATUS}. */
    private void deliver(String message) {
        int last = message.lastIndexOf(':');
        if (last < 0) return;
        Set<BlockingQueue<String>> listeners = subscribers.get(message.substring(0, last));
        if (listeners != null) listeners.forEach(queue -> queue.add(message.substring(last + 1)));
    }

    @Override
    public void close() {
        topic.removeListener(listenerId);
    }
}
