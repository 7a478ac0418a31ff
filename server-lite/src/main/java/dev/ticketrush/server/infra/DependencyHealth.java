package dev.ticketrush.server.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Whether each dependency answers, probed in the background twice a second: /health answers from here at once
 * whatever is down, a request can refuse early rather than wait on a dead dependency, and each outage is logged once
 * when it starts and once when it ends. A refusal marks a dependency down at once; a slow answer only after
 * {@link #SLOW_PROBES_FOR_DOWN} in a row, so a busy machine in the middle of a rush is not taken for an outage.
 */
public final class DependencyHealth implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DependencyHealth.class);
    private static final Duration PERIOD = Duration.ofMillis(500);
    /** A probe answering later than this is slow, not down. */
    private static final Duration SLOW = Duration.ofMillis(1_000);
    /** A probe still running after this is cut off and counted slow. */
    private static final Duration PROBE_LIMIT = Duration.ofMillis(2_500);
    private static final int SLOW_PROBES_FOR_DOWN = 3;
    /** A verdict older than this is no verdict: never UP on an old success. */
    private static final Duration FRESH = Duration.ofSeconds(6);

    /** A dependency and how to ask whether it answers. */
    public record Probe(String name, BooleanSupplier answers) {
    }

    private enum Answer { UP, DOWN, SLOW }

    private record Verdict(boolean up, int slowInARow, long checkedNanos, long downSinceNanos) {
    }

    private final List<Probe> probes;
    /** Set before the probes are cut short: a probe that close() interrupts says nothing of its dependency. */
    private volatile boolean closed;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private final ExecutorService probing = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("dependency-health").daemon().unstarted(runnable));

    public DependencyHealth(List<Probe> probes) {
        this.probes = probes;
    }

    /** Probes once now, then twice a second. */
    public DependencyHealth start() {
        probeAll();
        ticks.scheduleWithFixedDelay(this::probeAll, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Each dependency, in probe order, and whether it is up by its recent probes. */
    public Map<String, Boolean> snapshot() {
        Map<String, Boolean> snapshot = new LinkedHashMap<>();
        for (Probe probe : probes) snapshot.put(probe.name(), isUp(probe.name()));
        return snapshot;
    }

    public boolean isUp(String dependency) {
        Verdict verdict = verdicts.get(dependency);
        return verdict != null && verdict.up() && System.nanoTime() - verdict.checkedNanos() < FRESH.toNanos();
    }

    private void probeAll() {
        Map<Probe, Future<Boolean>> running = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (Probe probe : probes) running.put(probe, probing.submit(() -> probe.answers().getAsBoolean()));
        running.forEach((probe, answer) -> record(probe.name(), answer(answer, started)));
    }

    private static Answer answer(Future<Boolean> answer, long startedNanos) {
        try {
            boolean up = answer.get(Math.max(0, PROBE_LIMIT.toNanos() - (System.nanoTime() - startedNanos)), TimeUnit.NANOSECONDS);
            if (up) return Answer.UP;
            return System.nanoTime() - startedNanos < SLOW.toNanos() ? Answer.DOWN : Answer.SLOW;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.SLOW;
        } catch (Exception cutOff) {
            answer.cancel(true);
            return Answer.SLOW;
        }
    }

    private void record(String name, Answer answer) {
        if (closed) return;
        long now = System.nanoTime();
        Verdict before = verdicts.get(name);
        int slowInARow = answer == Answer.SLOW ? (before == null ? 1 : before.slowInARow() + 1) : 0;
        boolean up = answer == Answer.UP || (answer == Answer.SLOW && slowInARow < SLOW_PROBES_FOR_DOWN && (before == null || before.up()));
        if (before == null || before.up() != up) {
            if (!up) LOG.warn("{} is unavailable: requests that need it are answered 503 until it is back", name);
            else if (before != null) LOG.info("{} is available again after {} s", name, String.format("%.1f", (now - before.downSinceNanos()) / 1e9));
        }
        long downSince = up ? 0 : before != null && !before.up() ? before.downSinceNanos() : now;
        verdicts.put(name, new Verdict(up, slowInARow, now, downSince));
    }

    @Override
    public void close() {
        closed = true;
        ticks.shutdownNow();
        probing.shutdownNow();
    }
}
