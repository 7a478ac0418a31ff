package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.report.TimelineSecond;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The rush's heartbeat: once a second, one {@link TimelineSecond} from the tally and, unless quiet, the live line on
 * stderr (rewritten in place on a terminal, one line a second in a log, a CI job or the demo).
 */
final class Pulse {

    private final Tally tally;
    private final int buyers;
    private final LongSupplier waiting;
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private final List<TimelineSecond> rows = new ArrayList<>();
    private final long started;
    private final Thread ticker;
    private final Counts last = new Counts();

    /**
     * @param waiting the room's queue depth, or null for a rush without the room
     * @param out     where the live line goes, or null for none
     */
    Pulse(Tally tally, int buyers, LongSupplier waiting, PrintStream out, long started) {
        this.tally = tally;
        this.buyers = buyers;
        this.waiting = waiting;
        this.out = out;
        this.started = started;
        this.ticker = Thread.ofVirtual().name("rush-pulse").unstarted(this::beat);
    }

    Pulse start() {
        ticker.start();
        return this;
    }

    /** Ends the beat with a last (partial) row and answers the whole timeline. */
    List<TimelineSecond> stop() {
        ticker.interrupt();
        try {
            ticker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            rows.add(sample());
            if (out != null && terminal) {
                out.print("\r" + " ".repeat(140) + "\r");
                out.flush();
            }
            return List.copyOf(rows);
        }
    }

    private void beat() {
        long next = started;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                // a beat late after a stall is not followed by a burst of catch-up beats
                next = Math.max(next + 1_000_000_000L, System.nanoTime() + 500_000_000L);
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                synchronized (this) {
                    double spanStart = rows.isEmpty() ? 0 : rows.getLast().atSeconds();
                    TimelineSecond row = sample();
                    rows.add(row);
                    if (out != null) print(row, row.requests() / Math.max(0.1, row.atSeconds() - spanStart));
                }
            }
        } catch (InterruptedException stopped) {
            // the rush is over
        }
    }

    private TimelineSecond sample() {
        Counts now = Counts.of(tally);
        var latency = tally.latency.interval();
        TimelineSecond row = new TimelineSecond(Math.round((System.nanoTime() - started) / 1e8) / 10.0, now.requests - last.requests,
                now.succeeded - last.succeeded, now.refused - last.refused, now.errors - last.errors, latency.p50(), latency.p99(),
                waiting == null ? -1 : waiting.getAsLong(), now.admitted - last.admitted, tally.buyersDone.get());
        last.set(now);
        return row;
    }

    private void print(TimelineSecond row, double requestsPerSecond) {
        String line = String.format("[%5.1fs] buyers %d/%d  sold %d  refused %d  errors %d  %.0f req/s  p99 %.0f ms",
                row.atSeconds(), row.buyersDone(), buyers, last.succeeded, last.refused, last.errors, requestsPerSecond, tally.latency.soFar().p99());
        if (waiting != null) line += String.format("  queue %s  admitted %d", row.waiting() < 0 ? "?" : Long.toString(row.waiting()), last.admitted);
        if (terminal) out.print("\r" + line + "   ");
        else out.println(line);
        out.flush();
    }

    /** The tally's running totals at one moment. */
    private static final class Counts {
        int requests;
        int succeeded;
        int refused;
        int errors;
        int admitted;

        static Counts of(Tally tally) {
            Counts counts = new Counts();
            counts.requests = tally.requests.get();
            counts.succeeded = tally.succeeded.get();
            counts.refused = tally.refused.get();
            counts.errors = tally.errors.get();
            counts.admitted = tally.admitted.get();
            return counts;
        }

        void set(Counts other) {
            requests = other.requests;
            succeeded = other.succeeded;
            refused = other.refused;
            errors = other.errors;
            admitted = other.admitted;
        }
    }
}
