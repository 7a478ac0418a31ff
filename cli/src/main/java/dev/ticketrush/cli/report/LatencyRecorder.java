package dev.ticketrush.cli.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Request latencies from many threads into one HdrHistogram, in microseconds. */
public final class LatencyRecorder {

    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);

    public void record(long startedNanos) {
        recorder.recordValue(Math.max(1, (System.nanoTime() - startedNanos) / 1_000));
    }

    /** Everything recorded so far, as milliseconds at the usual percentiles. */
    public synchronized LatencyMs summary() {
        total.add(recorder.getIntervalHistogram());
        return new LatencyMs(ms(total.getValueAtPercentile(50)), ms(total.getValueAtPercentile(90)),
                ms(total.getValueAtPercentile(99)), ms(total.getMaxValue()));
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    /** Latency percentiles in milliseconds. */
    public record LatencyMs(double p50, double p90, double p99, double max) {
    }
}
