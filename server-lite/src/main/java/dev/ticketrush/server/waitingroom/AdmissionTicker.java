package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.infra.LuaScript;
import dev.ticketrush.server.infra.LuaScripts;
import dev.ticketrush.server.infra.Outage;
import dev.ticketrush.server.infra.RedisKeys;
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
 * Contract step 6: for every concert with waiters, admits the head of the line when its batch is due. One Lua script
 * per concert and tick checks and moves the due time, pops the batch, writes the {@code active-user:} keys and
 * publishes the admissions: being atomic, it lets exactly one instance admit each batch.
 */
public final class AdmissionTicker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionTicker.class);
    /** Fine enough that a configured 500/s (50 every 100 ms) is kept. */
    private static final Duration TICK = Duration.ofMillis(50);
    /** A stall is made up for by at most this many batches at once, not by one burst. */
    private static final int MAX_CATCH_UP_BATCHES = 10;

    private final RedissonClient redis;
    private final LuaScript admit;
    private final Throttle defaults;
    private final Duration admissionTtl;
    private final String admissionsChannel;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("admission-ticker").daemon().unstarted(runnable));

    public AdmissionTicker(RedissonClient redis, LuaScripts scripts, Throttle defaults, Duration admissionTtl, String admissionsChannel) {
        this.redis = redis;
        this.admit = scripts.named("admit");
        this.defaults = defaults;
        this.admissionTtl = admissionTtl;
        this.admissionsChannel = admissionsChannel;
    }

    public AdmissionTicker start() {
        ticks.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        try {
            Set<String> concerts = redis.<String>getSet(RedisKeys.ROOMS_WITH_WAITERS, StringCodec.INSTANCE).readAll();
            for (String concert : concerts) admit(Long.parseLong(concert));
        } catch (RuntimeException e) {
            if (!ticks.isShutdown() && Outage.dependencyOf(e).isEmpty()) LOG.warn("admission tick failed: {}", e.toString());
        }
    }

    /** Admits the concert's next batch if it is due; answers how many were admitted (0 when not due). */
    public long admit(long concertId) {
        return admit.runForNumber(List.of(RedisKeys.waitingQueue(concertId), RedisKeys.admissionDue(concertId), RedisKeys.throttle(concertId),
                        RedisKeys.admitted(concertId), RedisKeys.ROOMS_WITH_WAITERS, RedisKeys.admittedTotal(concertId)),
                defaults.admitCount().toString(), defaults.admitIntervalMs().toString(), Long.toString(admissionTtl.toSeconds()),
                Long.toString(concertId), Integer.toString(MAX_CATCH_UP_BATCHES), admissionsChannel, RedisKeys.ACTIVE_PREFIX);
    }

    @Override
    public void close() throws InterruptedException {
        ticks.shutdownNow();
        ticks.awaitTermination(5, TimeUnit.SECONDS);
    }
}
