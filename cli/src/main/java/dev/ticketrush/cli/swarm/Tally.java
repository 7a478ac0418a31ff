package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.report.LatencyRecorder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the buyers of one rush saw, counted as they go, for the live line and the summary. */
final class Tally {

    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger succeeded = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger notAdmitted = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger unknown = new AtomicInteger();
    final Map<String, Integer> errorKinds = new ConcurrentHashMap<>();
    final AtomicInteger buyersDone = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final LatencyRecorder latency = new LatencyRecorder();
    final AtomicInteger rejectedJoins = new AtomicInteger();
    final LatencyRecorder queueWait = new LatencyRecorder();
    final AtomicLong firstAdmission = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastAdmission = new AtomicLong(Long.MIN_VALUE);
    final AtomicInteger admitted = new AtomicInteger();

    void count(Attempt attempt) {
        requests.incrementAndGet();
        switch (attempt) {
            case Attempt.Sold sold -> succeeded.incrementAndGet();
            case Attempt.Refused refusal -> refused.incrementAndGet();
            case Attempt.NotAdmitted refusal -> {
                refused.incrementAndGet();
                notAdmitted.incrementAndGet();
            }
            case Attempt.Failed failed -> error(failed.kind());
            case Attempt.Unknown lost -> unknown.incrementAndGet();
            case Attempt.Unreached refused -> error("connection refused");
            case Attempt.Unavailable later -> error("HTTP 503");
        }
    }

    void error(String kind) {
        errors.incrementAndGet();
        errorKinds.merge(kind, 1, Integer::sum);
    }

    void admittedAt(long joinedNanos) {
        long now = System.nanoTime();
        queueWait.record(joinedNanos);
        firstAdmission.accumulateAndGet(now, Math::min);
        lastAdmission.accumulateAndGet(now, Math::max);
        admitted.incrementAndGet();
    }

    double admissionsPerSecond() {
        long span = lastAdmission.get() - firstAdmission.get();
        return span <= 0 ? 0 : Math.round(admitted.get() * 1e10 / span) / 10.0;
    }
}
