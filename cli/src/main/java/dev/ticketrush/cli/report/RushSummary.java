package dev.ticketrush.cli.report;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one rush, as the terminal table and {@code --json} show it.
 *
 * @param plan       what was rushed
 * @param buyers     how every buyer ended: total = sold + withoutSeat + errored
 * @param requests   every reservation request, by what came back
 * @param queue      the waiting room's figures, when buyers went through it (else null)
 * @param check      the independent check against the server's tables
 * @param durationMs from the first arrival to the last buyer's end
 * @param chaos       the faults struck during the rush ({@code --chaos}), in order; empty without
 * @param interrupted the rush was stopped (Ctrl-C) before every buyer was done: a partial summary of the buyers who arrived
 * @param thresholds  each {@code --threshold} and whether the rush met it; empty without
 */
public record RushSummary(Plan plan, Buyers buyers, Requests requests, Queue queue, Check check, long durationMs, List<Fault> chaos,
                          boolean interrupted, List<ThresholdResult> thresholds) {

    public RushSummary {
        chaos = List.copyOf(chaos);
        thresholds = List.copyOf(thresholds);
    }

    /** This summary with the verdict on each threshold. */
    public RushSummary withThresholds(List<ThresholdResult> results) {
        return new RushSummary(plan, buyers, requests, queue, check, durationMs, chaos, interrupted, results);
    }

    /** Every threshold was met (true when there were none). */
    public boolean thresholdsMet() {
        return thresholds.stream().allMatch(ThresholdResult::passed);
    }

    /** What was rushed, and the seed that repeats it. */
    public record Plan(String strategy, String pattern, String arrival, int users, int seats, long seed, List<String> servers) {
    }

    /** How the buyers ended; buyers/s counts every buyer, most of whom a rush turns away. */
    public record Buyers(int total, int sold, int withoutSeat, int errored, double perSecond) {
        public boolean accountedFor() {
            return total == sold + withoutSeat + errored;
        }
    }

    /**
     * Every reservation request: succeeded (200, SUCCESS), refused (409, 403, FAIL_*), errors (anything else), and
     * unknown answers settled afterwards from the server's record.
     */
    public record Requests(int total, int succeeded, int refused, int notAdmitted, int errors, int unknownSettled,
                           Map<String, Integer> errorKinds, double perSecond, LatencyRecorder.LatencyMs latencyMs) {
    }

    /** The waiting room's figures: time from first join to ACTIVE, admissions seen per second, joins turned away. */
    public record Queue(LatencyRecorder.LatencyMs waitMs, double admissionsPerSecond, int rejectedJoins) {
    }

    /** The independent check: the seat audit and every buyer's reservations, read back from the server. */
    public record Check(boolean passed, int soldSeats, int oversold, List<String> violations) {
    }

    /**
     * A fault struck during the rush.
     *
     * @param step          the step as given, e.g. {@code redis@30%+5s}
     * @param atSeconds     when it was struck, after the first arrival
     * @param outageSeconds how long the service stayed away; 0 for a killed instance
     * @param outcome       what was done, or why it could not be
     */
    public record Fault(String step, double atSeconds, double outageSeconds, String outcome) {
    }

    /**
     * The rush is good: the check passed, every buyer is accounted for, and nothing but 200/409/403 came back. Under
     * --chaos the errors are what the rehearsal is for: the check and the accounting alone decide.
     */
    public boolean clean() {
        return check.passed() && buyers.accountedFor() && (!chaos.isEmpty() || requests.errors() == 0 && buyers.errored() == 0);
    }
}
