package dev.ticketrush.cli.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Request latencies from many threads into one HdrHistogram, in microseconds, readable second by second. */
public final class LatencyRecorder {

    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);

    public void record(long startedNanos) {
        recorder.recordValue(Math.max(1, (System.nanoTime() - startedNanos) / 1_000));
    }

    /** Everything recorded so far, as milliseconds at the usual percentiles. */
    public synchronized LatencyMs summary() {
        total.add(recorder.getIntervalHistogram());
        return of(total);
    }

    /** What was recorded since the last interval (or summary), folded into the total as well. */
    public synchronized LatencyMs interval() {
        Histogram span = recorder.getIntervalHistogram();
        total.add(span);
        return of(span);
    }

    /** The total as of the last interval or summary, without taking what was recorded since. */
    public synchronized LatencyMs soFar() {
        return of(total);
    }

    private static LatencyMs of(Histogram histogram) {
        return new LatencyMs(ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()));
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    /** Latency percentiles in milliseconds. */
    public record LatencyMs(double p50, double p90, double p99, double max) {
    }
}
