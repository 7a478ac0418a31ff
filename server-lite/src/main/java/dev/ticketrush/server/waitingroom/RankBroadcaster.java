package dev.ticketrush.server.waitingroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.infra.Outage;
import dev.ticketrush.server.infra.RedisKeys;
import org.redisson.api.RPatternTopic;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Contract step 7's pushes for this instance's subscribers, driven by admissions rather than by polling. Each
 * subscriber's rank is read once when it subscribes, with the line's admitted total; every admission batch is
 * published with the new total and the admitted ids, so each instance moves its subscribers' ranks down and tells
 * the admitted ones at once, at no Redis cost per subscriber. Admissions written by other tools and admissions that
 * end arrive as keyspace notifications; a batched re-read of all subscribers every {@link #SAFETY_NET} repairs
 * anything a lost message or a Redis without notifications would leave stale. ACTIVE frames and changes of status go
 * to their streams at once; moves in the line go through a {@link RankPacer}.
 */
public final class RankBroadcaster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RankBroadcaster.class);
    static final Duration SAFETY_NET = Duration.ofSeconds(10);
    /** Keyspace events are gathered this long and re-read in batches; our own admissions are announced before their keys are set. */
    private static final Duration DRAIN = Duration.ofMillis(100);
    private static final int READ_BATCH = 1_000;
    /** The longest a slice of rank moves waits for its streams to take them before the next slice goes. */
    private static final Duration SLICE_WAIT = Duration.ofMillis(20);
    /** The longest the moves wait for the streams of an admission batch to take their ACTIVE frames. */
    private static final Duration ACTIVE_WAIT = Duration.ofMillis(250);
    /** In place of an admitted total: the concert's settings changed, so its estimated waits must be worked out anew. */
    static final long SETTINGS_CHANGED = -1;

    /** One subscriber: the frames waiting for its stream, and where it stands; guarded by itself. */
    public static final class Watcher {
        final long userId;
        final long concertId;
        final PendingFrames frames = new PendingFrames();
        private boolean anchored;
        private String status;
        private long rank;
        private long anchorRank;
        private long anchorAdmitted;
        private long ttlSeconds;
        private RankEvent lastSent;

        Watcher(long userId, long concertId) {
            this.userId = userId;
            this.concertId = concertId;
        }

        public BlockingQueue<Frame> frames() {
            return frames.queue();
        }
    }

    /** An SSE frame to write. */
    public record Frame(String event, String data) {
        static final String ACTIVE = "ACTIVE";
        static final String RANK_UPDATE = "RANK_UPDATE";
    }

    private final RedissonClient redis;
    private final WaitingRoom room;
    private final AdmissionCheck admission;
    private final ObjectMapper json;
    private final Clock clock;
    private final RTopic admissions;
    private final RPatternTopic keyspace;
    private final Map<Long, Set<Watcher>> byConcert = new ConcurrentHashMap<>();
    private final Map<Long, Set<Watcher>> byUser = new ConcurrentHashMap<>();
    private final Map<Long, Throttle> throttles = new ConcurrentHashMap<>();
    /** Subscribers to re-read at the next drain; true when only an admission was seen (skipped if already ACTIVE). */
    private final Map<Watcher, Boolean> dirty = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("rank-rereads").daemon().unstarted(runnable));
    private final List<Integer> listeners = new ArrayList<>();
    private final RankPacer pacer = new RankPacer(SLICE_WAIT, ACTIVE_WAIT);

    /** @param redisDatabase the Redis database index, whose keyspace notifications name it */
    public RankBroadcaster(RedissonClient redis, WaitingRoom room, AdmissionCheck admission, ObjectMapper json, Clock clock, String admissionsChannel,
                           int redisDatabase) {
        this.redis = redis;
        this.room = room;
        this.admission = admission;
        this.json = json;
        this.clock = clock;
        this.admissions = redis.getTopic(admissionsChannel, StringCodec.INSTANCE);
        this.keyspace = redis.getPatternTopic("__keyspace@" + redisDatabase + "__:" + RedisKeys.ACTIVE_PREFIX + "*", StringCodec.INSTANCE);
    }

    public RankBroadcaster start() {
        listeners.add(admissions.addListener(String.class, (channel, message) -> onAdmission(message)));
        if (enableKeyspaceNotifications()) {
            listeners.add(keyspace.addListener(String.class, (pattern, channel, event) -> onAdmissionKey(channel.toString(), event)));
        }
        timers.scheduleWithFixedDelay(this::rereadAll, SAFETY_NET.toMillis(), SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::drain, DRAIN.toMillis(), DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        pacer.start();
        return this;
    }

    public Watcher watch(long userId, long concertId) {
        Watcher watcher = new Watcher(userId, concertId);
        byConcert.computeIfAbsent(concertId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
        byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
        return watcher;
    }

    public void unwatch(Watcher watcher) {
        watcher.frames.close();
        dirty.remove(watcher);
        byConcert.computeIfPresent(watcher.concertId, (id, set) -> set.remove(watcher) && set.isEmpty() ? null : set);
        byUser.computeIfPresent(watcher.userId, (id, set) -> set.remove(watcher) && set.isEmpty() ? null : set);
    }

    public int subscriberCount() {
        return byConcert.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * Reads where the subscriber stands now and answers the frame telling it so. Held under the watcher's lock, so
     * an admission published meanwhile is applied after this read, never lost before it.
     */
    public Frame current(Watcher watcher) {
        throttles.computeIfAbsent(watcher.concertId, room::throttle);
        synchronized (watcher) {
            anchor(watcher, room.standing(watcher.userId, watcher.concertId));
            watcher.lastSent = event(watcher);
            return frame(watcher.lastSent);
        }
    }

    /** {@code concertId admittedTotal ttlSeconds id...}; concert 0 admits buyers directly, moving no line. */
    private void onAdmission(String message) {
        String[] parts = message.split(" ");
        long concertId = Long.parseLong(parts[0]);
        long total = Long.parseLong(parts[1]);
        long ttl = Long.parseLong(parts[2]);
        if (total == SETTINGS_CHANGED) {
            throttles.put(concertId, room.throttle(concertId));
            return;
        }
        Set<Long> admitted = new HashSet<>();
        for (int i = 3; i < parts.length; i++) admitted.add(Long.parseLong(parts[i]));
        // the admitted are told first: their ACTIVE frames must not wait behind every waiter's new rank
        for (long user : admitted) {
            for (Watcher watcher : byUser.getOrDefault(user, Set.of())) {
                if (concertId == 0 || watcher.concertId == concertId) becomeActive(watcher, ttl);
            }
        }
        if (concertId == 0) return;
        for (Watcher watcher : byConcert.getOrDefault(concertId, Set.of())) {
            if (!admitted.contains(watcher.userId) && !advance(watcher, total)) dirty.put(watcher, false);
        }
    }

    /** A keyspace notification on {@code active-user:{id}}: set by anyone, or gone (expired, deleted). */
    private void onAdmissionKey(String channel, String event) {
        long userId;
        try {
            userId = Long.parseLong(channel.substring(channel.lastIndexOf(':') + 1));
        } catch (NumberFormatException notOurs) {
            return;
        }
        Set<Watcher> watchers = byUser.get(userId);
        if (watchers == null) return;
        boolean admittedOnly = "set".equals(event);
        if (!admittedOnly && !"expired".equals(event) && !"del".equals(event)) return;
        for (Watcher watcher : watchers) dirty.merge(watcher, admittedOnly, Boolean::logicalAnd);
    }

    /** Re-reads the subscribers keyspace events touched, by line, skipping admissions their publish already told. */
    private void drain() {
        try {
            Map<Long, List<Watcher>> byLine = new HashMap<>();
            for (Watcher watcher : List.copyOf(dirty.keySet())) {
                Boolean admittedOnly = dirty.remove(watcher);
                if (admittedOnly == null) continue; // unwatched since the copy: its stream has ended
                synchronized (watcher) {
                    if (admittedOnly && QueuePosition.ACTIVE.equals(watcher.status)) continue;
                }
                byLine.computeIfAbsent(watcher.concertId, id -> new ArrayList<>()).add(watcher);
            }
            byLine.forEach(this::reread);
        } catch (RuntimeException e) {
            if (!timers.isShutdown() && Outage.dependencyOf(e).isEmpty()) LOG.warn("re-reading subscribers after keyspace events failed: {}", e.toString());
        }
    }

    private void becomeActive(Watcher watcher, long ttlSeconds) {
        synchronized (watcher) {
            if (!watcher.anchored) return;
            watcher.status = QueuePosition.ACTIVE;
            watcher.rank = 0;
            watcher.ttlSeconds = ttlSeconds;
            tell(watcher);
        }
    }

    /** Moves a waiter's rank by the admissions since its anchor; false when the anchor no longer explains it. */
    private boolean advance(Watcher watcher, long admittedTotal) {
        synchronized (watcher) {
            if (!watcher.anchored || !QueuePosition.WAITING.equals(watcher.status)) return true;
            long rank = watcher.anchorRank - (admittedTotal - watcher.anchorAdmitted);
            if (rank >= watcher.rank) return true;
            if (rank <= 0) return false;
            watcher.rank = rank;
            tell(watcher);
            return true;
        }
    }

    private void rereadAll() {
        try {
            byConcert.forEach((concertId, watchers) -> {
                throttles.put(concertId, room.throttle(concertId));
                reread(concertId, List.copyOf(watchers));
            });
        } catch (RuntimeException e) {
            if (!timers.isShutdown() && Outage.dependencyOf(e).isEmpty()) LOG.warn("re-reading subscribers' ranks failed: {}", e.toString());
        }
    }

    /** Re-reads where these subscribers of one line stand, a batch per call, and tells those whose state changed. */
    private void reread(long concertId, List<Watcher> watchers) {
        for (int from = 0; from < watchers.size(); from += READ_BATCH) {
            List<Watcher> batch = watchers.subList(from, Math.min(watchers.size(), from + READ_BATCH));
            List<WaitingRoom.Standing> standings = room.standings(concertId, batch.stream().map(w -> w.userId).toList());
            for (int i = 0; i < batch.size(); i++) {
                Watcher watcher = batch.get(i);
                synchronized (watcher) {
                    if (!watcher.anchored) continue;
                    anchor(watcher, standings.get(i));
                    tell(watcher);
                }
            }
        }
    }

    private static void anchor(Watcher watcher, WaitingRoom.Standing standing) {
        watcher.anchored = true;
        watcher.status = standing.position().status();
        watcher.rank = standing.position().rank();
        watcher.anchorRank = watcher.rank;
        watcher.anchorAdmitted = standing.admittedTotal();
        watcher.ttlSeconds = Math.max(0, standing.admissionMsLeft() / 1000);
    }

    private void tell(Watcher watcher) {
        RankEvent next = event(watcher);
        RankEvent before = watcher.lastSent;
        if (before != null && before.status().equals(next.status()) && before.rank() == next.rank()) return;
        watcher.lastSent = next;
        boolean moveInLine = before != null && QueuePosition.WAITING.equals(before.status()) && QueuePosition.WAITING.equals(next.status());
        if (moveInLine) {
            pacer.hold(watcher.frames, () -> frame(next));
        } else {
            watcher.frames.add(frame(next));
            pacer.sentAtOnce(watcher.frames);
        }
    }

    private RankEvent event(Watcher watcher) {
        Throttle throttle = throttles.get(watcher.concertId);
        long wait = QueuePosition.WAITING.equals(watcher.status) && throttle != null ? throttle.estimatedWaitSeconds(watcher.rank) : 0;
        String token = admission.tokenFor(new QueuePosition(watcher.userId, watcher.concertId, watcher.status, watcher.rank), watcher.ttlSeconds);
        return new RankEvent(watcher.userId, watcher.concertId, watcher.status, watcher.rank, watcher.ttlSeconds, clock.instant(), wait, token);
    }

    private Frame frame(RankEvent event) {
        try {
            return new Frame(QueuePosition.ACTIVE.equals(event.status()) ? Frame.ACTIVE : Frame.RANK_UPDATE, json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asks Redis to announce changes of keys (K) for generic, string and expiry events (g$x), keeping what is already on. */
    private boolean enableKeyspaceNotifications() {
        try {
            RedisNode node = redis.getRedisNodes(RedisNodes.SINGLE).getInstance();
            String flags = node.getConfig("notify-keyspace-events").getOrDefault("notify-keyspace-events", "");
            StringBuilder wanted = new StringBuilder(flags);
            for (char flag : (flags.contains("A") ? "K" : "Kg$x").toCharArray()) {
                if (wanted.indexOf(String.valueOf(flag)) < 0) wanted.append(flag);
            }
            if (!wanted.toString().equals(flags)) node.setConfig("notify-keyspace-events", wanted.toString());
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Redis refused keyspace notifications ({}): admissions written by other tools reach subscribers within {} s",
                    e.getMessage(), SAFETY_NET.toSeconds());
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        timers.shutdownNow();
        pacer.close();
        for (int i = 0; i < listeners.size(); i++) {
            if (i == 0) admissions.removeListener(listeners.get(i));
            else keyspace.removeListener(listeners.get(i));
        }
        timers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
