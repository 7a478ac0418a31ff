package dev.ticketrush.server.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.waitingroom.QueuePosition;
import dev.ticketrush.server.waitingroom.WaitingRoomKeys;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.ScoredEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Contract step 7's pushes for this instance's subscribers. Once per tick and concert it reads the whole
 * queue and the admitted set in one pipelined round trip, works out every local subscriber's state, and
 * hands a frame to those whose state changed: the Redis cost is per concert, not per subscriber.
 */
public final class RankBroadcaster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RankBroadcaster.class);
    private static final Duration TICK = Duration.ofMillis(200);

    /** One subscriber: the frames waiting for its stream, and what it was last told. */
    public static final class Watcher {
        final long userId;
        final long concertId;
        final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        volatile RankEvent lastSent;

        Watcher(long userId, long concertId) {
            this.userId = userId;
            this.concertId = concertId;
        }

        public BlockingQueue<Frame> frames() {
            return frames;
        }
    }

    /** An SSE frame to write. */
    public record Frame(String event, String data) {
    }

    private final RedissonClient redis;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<Long, Set<Watcher>> watchersByConcert = new ConcurrentHashMap<>();
    private final LongAdder redisRoundTrips = new LongAdder();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("rank-broadcaster").daemon().unstarted(runnable));

    public RankBroadcaster(RedissonClient redis, ObjectMapper json, Clock clock) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
    }

    public RankBroadcaster start() {
        ticks.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public Watcher watch(long userId, long concertId) {
        Watcher watcher = new Watcher(userId, concertId);
        watchersByConcert.computeIfAbsent(concertId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
        return watcher;
    }

    public void unwatch(Watcher watcher) {
        watchersByConcert.computeIfPresent(watcher.concertId, (id, set) -> {
            set.remove(watcher);
            return set.isEmpty() ? null : set;
        });
    }

    public int subscriberCount() {
        return watchersByConcert.values().stream().mapToInt(Set::size).sum();
    }

    /** Pipelined Redis round trips made by ticks so far: one per concert with subscribers per tick. */
    public long redisRoundTrips() {
        return redisRoundTrips.sum();
    }

    /** The frame telling a subscriber where it stands now; remembered as what it was last told. */
    public Frame current(Watcher watcher, QueuePosition position, long activeTtlSeconds) {
        RankEvent event = event(watcher, position.status(), position.rank(), activeTtlSeconds);
        watcher.lastSent = event;
        return frame(event);
    }

    private void tick() {
        for (var concert : watchersByConcert.entrySet()) {
            try {
                broadcast(concert.getKey(), concert.getValue());
            } catch (RuntimeException e) {
                if (!ticks.isShutdown()) LOG.warn("rank broadcast for concert {} failed: {}", concert.getKey(), e.toString());
            }
        }
    }

    private void broadcast(long concertId, Collection<Watcher> watchers) {
        long now = clock.millis();
        RBatch batch = redis.createBatch();
        RFuture<Collection<String>> queue = batch.<String>getScoredSortedSet(WaitingRoomKeys.queue(concertId), StringCodec.INSTANCE).readAllAsync();
        RFuture<Collection<ScoredEntry<String>>> admitted = batch.<String>getScoredSortedSet(WaitingRoomKeys.admitted(concertId), StringCodec.INSTANCE)
                .entryRangeAsync(now, false, Double.POSITIVE_INFINITY, true);
        BatchResult<?> ignored = batch.execute();
        redisRoundTrips.increment();
        Map<String, Long> rankOf = new HashMap<>();
        long rank = 0;
        for (String member : queue.toCompletableFuture().join()) rankOf.put(member, ++rank);
        Map<String, Long> activeUntil = new HashMap<>();
        for (ScoredEntry<String> entry : admitted.toCompletableFuture().join()) activeUntil.put(entry.getValue(), entry.getScore().longValue());
        List<Watcher> outsideQueue = new ArrayList<>();
        for (Watcher watcher : watchers) {
            if (watcher.lastSent == null) continue;
            String user = Long.toString(watcher.userId);
            if (activeUntil.containsKey(user)) {
                tell(watcher, event(watcher, QueuePosition.ACTIVE, 0, Math.max(0, (activeUntil.get(user) - now) / 1000)));
            } else if (rankOf.containsKey(user)) {
                tell(watcher, event(watcher, QueuePosition.WAITING, rankOf.get(user), 0));
            } else {
                outsideQueue.add(watcher);
            }
        }
        if (!outsideQueue.isEmpty()) tellOutsideQueue(outsideQueue);
    }

    /** Neither waiting nor admitted by a ticker: admitted by an outside tool's key, or NONE. Rare, so asked one by one in a batch. */
    private void tellOutsideQueue(List<Watcher> watchers) {
        RBatch batch = redis.createBatch();
        List<RFuture<Long>> ttls = watchers.stream()
                .map(w -> batch.getBucket(WaitingRoomKeys.active(w.userId), StringCodec.INSTANCE).remainTimeToLiveAsync()).toList();
        batch.execute();
        redisRoundTrips.increment();
        for (int i = 0; i < watchers.size(); i++) {
            long ttlMs = ttls.get(i).toCompletableFuture().join();
            Watcher watcher = watchers.get(i);
            tell(watcher, ttlMs > 0 || ttlMs == -1
                    ? event(watcher, QueuePosition.ACTIVE, 0, Math.max(0, ttlMs / 1000))
                    : event(watcher, QueuePosition.NONE, -1, 0));
        }
    }

    private void tell(Watcher watcher, RankEvent next) {
        if (changed(watcher.lastSent, next)) {
            watcher.lastSent = next;
            watcher.frames.add(frame(next));
        }
    }

    private static boolean changed(RankEvent before, RankEvent now) {
        return !before.status().equals(now.status()) || before.rank() != now.rank();
    }

    private RankEvent event(Watcher watcher, String status, long rank, long activeTtlSeconds) {
        return new RankEvent(watcher.userId, watcher.concertId, status, rank, activeTtlSeconds, EventTime.format(clock.instant()));
    }

    private Frame frame(RankEvent event) {
        try {
            return new Frame(QueuePosition.ACTIVE.equals(event.status()) ? "ACTIVE" : "RANK_UPDATE", json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        ticks.shutdownNow();
        ticks.awaitTermination(5, TimeUnit.SECONDS);
    }
}
