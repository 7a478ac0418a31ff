package dev.ticketrush.cli.report;

import java.util.List;

/**
 * The outcome of one rush. The first ten fields are the documented {@code --json} keys, in order.
 *
 * @param succeeded        200 answers (each a buyer who got a seat)
 * @param refused          clean refusals: 409 (seat taken, race lost) and 403 (not admitted)
 * @param errors           anything else: other statuses and I/O failures
 * @param oversold         seats held by more than one live reservation, plus reservations beyond the seats sold
 * @param throughputPerSec buyers finished per second
 * @param queueWaitMs      time from first join to ACTIVE, when buyers went through the waiting room (else null)
 */
public record RushSummary(int users, int seats, String strategy, int succeeded, int refused, int errors, int oversold,
                          long durationMs, double throughputPerSec, LatencyRecorder.LatencyMs latencyMs,
                          String pattern, String arrival, int requests, double requestsPerSec, int buyersWithoutSeat,
                          int soldSeats, boolean checkPassed, List<String> violations,
                          LatencyRecorder.LatencyMs queueWaitMs, double admissionsPerSec, int rejectedJoins,
                          java.util.Map<String, Integer> errorKinds) {

    /** The rush is good: the independent check passed and nothing but 200/409/403 came back. */
    public boolean clean() {
        return checkPassed && errors == 0;
    }
}
