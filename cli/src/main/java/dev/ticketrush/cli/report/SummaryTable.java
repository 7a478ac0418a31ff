package dev.ticketrush.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Rush summaries as a terminal table, one column per rush. */
public final class SummaryTable {

    private static final List<Row> ROWS = List.of(
            new Row("strategy", s -> s.plan().strategy()),
            new Row("pattern / arrival", s -> s.plan().pattern() + " / " + s.plan().arrival()),
            new Row("seed", s -> Long.toString(s.plan().seed())),
            new Row("seats", s -> Integer.toString(s.plan().seats())),
            new Row("buyers", s -> Integer.toString(s.buyers().total())),
            new Row("  sold a seat", s -> Integer.toString(s.buyers().sold())),
            new Row("  without a seat", s -> Integer.toString(s.buyers().withoutSeat())),
            new Row("  errored", s -> Integer.toString(s.buyers().errored())),
            new Row("requests", s -> Integer.toString(s.requests().total())),
            new Row("  succeeded", s -> Integer.toString(s.requests().succeeded())),
            new Row("  refused (409/403)", s -> s.requests().refused() + (s.requests().notAdmitted() > 0 ? " (" + s.requests().notAdmitted() + " x 403)" : "")),
            new Row("  errors", s -> s.requests().errors() + (s.requests().errorKinds().isEmpty() ? "" : " " + s.requests().errorKinds())),
            new Row("  lost answers settled", s -> Integer.toString(s.requests().unknownSettled())),
            new Row("duration", s -> String.format("%.2f s", s.durationMs() / 1000.0)),
            new Row("buyers/s, requests/s", s -> String.format("%.0f, %.0f", s.buyers().perSecond(), s.requests().perSecond())),
            new Row("latency p50 / p90 ms", s -> s.requests().latencyMs().p50() + " / " + s.requests().latencyMs().p90()),
            new Row("latency p99 / max ms", s -> s.requests().latencyMs().p99() + " / " + s.requests().latencyMs().max()),
            new Row("time in queue p50 / p99 ms", s -> s.queue() == null ? "-" : s.queue().waitMs().p50() + " / " + s.queue().waitMs().p99()),
            new Row("admissions/s, REJECTED joins", s -> s.queue() == null ? "-" : String.format("%.0f, %d", s.queue().admissionsPerSecond(), s.queue().rejectedJoins())),
            new Row("seats sold (server)", s -> Integer.toString(s.check().soldSeats())),
            new Row("oversold", s -> Integer.toString(s.check().oversold())),
            new Row("independent check", s -> s.check().passed() ? "PASS" : "FAIL (" + s.check().violations().size() + ")"));

    private SummaryTable() {
    }

    public static String render(RushSummary summary) {
        return sideBySide(List.of(summary));
    }

    public static String sideBySide(List<RushSummary> summaries) {
        StringBuilder table = new StringBuilder();
        for (Row row : ROWS) {
            List<String> cells = new ArrayList<>();
            for (RushSummary summary : summaries) cells.add(String.format("%-22s", row.value().apply(summary)));
            table.append(String.format("%-30s", row.label())).append(String.join(" ", cells).stripTrailing()).append('\n');
        }
        for (RushSummary summary : summaries) {
            summary.chaos().forEach(f -> table.append(String.format("  chaos (%s): %s at %.1f s: %s%n", summary.plan().strategy(), f.step(), f.atSeconds(),
                    f.outcome())));
        }
        for (RushSummary summary : summaries) {
            summary.thresholds().forEach(t -> table.append(String.format("  threshold %s: %s (actual %s)%n", t.threshold(), t.passed() ? "met" : "FAILED",
                    number(t.actual()))));
            if (summary.interrupted()) {
                table.append("  stopped early (Ctrl-C): a partial summary of the ").append(summary.buyers().total()).append(" buyers who arrived\n");
            }
        }
        for (RushSummary summary : summaries) {
            summary.check().violations().stream().limit(20)
                    .forEach(v -> table.append("  violation (").append(summary.plan().strategy()).append("): ").append(v).append('\n'));
        }
        return table.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private record Row(String label, Function<RushSummary, String> value) {
    }
}
