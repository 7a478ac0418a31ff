package dev.ticketrush.server.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts again while PostgreSQL, Redis or Kafka is not up yet, backing off and logging each wait, until a deadline:
 * a stack whose parts come up in any order (docker compose's) still ends with a running server. Any other failure,
 * and an outage outlasting the wait, ends the start at once.
 */
public final class StartupWait {

    private static final Logger LOG = LoggerFactory.getLogger(StartupWait.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final Duration limit;

    public StartupWait(Duration limit) {
        this.limit = limit;
    }

    /** What {@code start} answers once it succeeds; {@code undo} releases what a failed attempt left open. */
    public <T> T retry(Supplier<T> start, Runnable undo) {
        long deadline = System.nanoTime() + limit.toNanos();
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (RuntimeException e) {
                undo.run();
                Optional<String> dependency = Outage.dependencyOf(e);
                long left = deadline - System.nanoTime();
                if (dependency.isEmpty()) throw e;
                if (left <= 0) {
                    LOG.error("{} still unreachable after {} attempts in {} s: giving up", dependency.get(), attempt, limit.toSeconds());
                    throw e;
                }
                Duration wait = pause.toNanos() < left ? pause : Duration.ofNanos(left);
                LOG.warn("{} is not reachable yet (attempt {}: {}); starting again in {} ms, for {} ms more at most",
                        dependency.get(), attempt, e.toString(), wait.toMillis(), Duration.ofNanos(left).toMillis());
                sleep(wait);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dependencies", e);
        }
    }
}
