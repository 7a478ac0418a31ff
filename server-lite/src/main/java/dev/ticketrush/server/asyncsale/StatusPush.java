package dev.ticketrush.server.asyncsale;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.BaseStatusListener;
import org.redisson.client.codec.StringCodec;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands status changes published by any instance's {@link StatusBoard} to this instance's v5 subscribers, by request
 * or by (user, seat) pair: one Redis subscription per instance, whatever the number of subscribers. Pub/sub keeps
 * nothing for a subscription that is down, so when Redisson subscribes again after a lost connection every subscriber
 * is told it may have missed news and reads the record again.
 */
public final class StatusPush implements AutoCloseable {

    private final RTopic topic;
    private final Map<String, Set<BlockingQueue<StatusNews>>> subscribers = new ConcurrentHashMap<>();
    private final int listenerId;
    private final int resubscribeListenerId;

    public StatusPush(RedissonClient redis, String channel) {
        this.topic = redis.getTopic(channel, StringCodec.INSTANCE);
        this.listenerId = topic.addListener(String.class, (ignored, message) -> deliver(message));
        this.resubscribeListenerId = topic.addListener(new BaseStatusListener() {
            @Override
            public void onSubscribe(String channel) {
                subscribers.values().forEach(listeners -> listeners.forEach(queue -> queue.add(StatusNews.MAYBE_MISSED)));
            }
        });
    }

    /** Changes of what {@code subject} names, as they happen, until {@link #unsubscribe}. */
    public BlockingQueue<StatusNews> subscribe(StatusSubject subject) {
        BlockingQueue<StatusNews> changes = new LinkedBlockingQueue<>();
        subscribers.computeIfAbsent(subject.key(), key -> ConcurrentHashMap.newKeySet()).add(changes);
        return changes;
    }

    public void unsubscribe(StatusSubject subject, BlockingQueue<StatusNews> changes) {
        subscribers.computeIfPresent(subject.key(), (key, set) -> {
            set.remove(changes);
            return set.isEmpty() ? null : set;
        });
    }

    /** Messages are changes {@code requestId:userId:seatId:STATUS}, comma-separated. */
    private void deliver(String message) {
        if (subscribers.isEmpty()) return;
        for (String change : message.split(",")) {
            String[] parts = change.split(":");
            if (parts.length != 4) continue;
            StatusNews status = new StatusNews(SaleStatus.valueOf(parts[3]));
            send(StatusSubject.request(Long.parseLong(parts[0])).key(), status);
            send(StatusSubject.pair(Long.parseLong(parts[1]), Long.parseLong(parts[2])).key(), status);
        }
    }

    private void send(String key, StatusNews status) {
        Set<BlockingQueue<StatusNews>> listeners = subscribers.get(key);
        if (listeners != null) listeners.forEach(queue -> queue.add(status));
    }

    @Override
    public void close() {
        topic.removeListener(listenerId, resubscribeListenerId);
    }
}
