package dev.ticketrush.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Rush summaries as a terminal table, one column per rush. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static String render(RushSummary summary) {
        return sideBySide(List.of(summary));
    }

    public static String sideBySide(List<RushSummary> summaries) {
        List<Row> rows = List.of(
                new Row("strategy", RushSummary::strategy),
                new Row("pattern / arrival", s -> s.pattern() + " / " + s.arrival()),
                new Row("buyers", s -> Integer.toString(s.users())),
                new Row("seats", s -> Integer.toString(s.seats())),
                new Row("succeeded", s -> Integer.toString(s.succeeded())),
                new Row("refused (409/403)", s -> Integer.toString(s.refused())),
                new Row("errors", s -> s.errors() + (s.errorKinds().isEmpty() ? "" : " " + s.errorKinds())),
                new Row("buyers without a seat", s -> Integer.toString(s.buyersWithoutSeat())),
                new Row("requests", s -> Integer.toString(s.requests())),
                new Row("duration", s -> String.format("%.2f s", s.durationMs() / 1000.0)),
                new Row("buyers/s", s -> String.format("%.0f", s.throughputPerSec())),
                new Row("requests/s", s -> String.format("%.0f", s.requestsPerSec())),
                new Row("latency p50 / p90 ms", s -> s.latencyMs().p50() + " / " + s.latencyMs().p90()),
                new Row("latency p99 / max ms", s -> s.latencyMs().p99() + " / " + s.latencyMs().max()),
                new Row("time in queue p50 / p99 ms", s -> s.queueWaitMs() == null ? "-" : s.queueWaitMs().p50() + " / " + s.queueWaitMs().p99()),
                new Row("admissions/s, REJECTED joins", s -> s.queueWaitMs() == null ? "-" : String.format("%.0f, %d", s.admissionsPerSec(), s.rejectedJoins())),
                new Row("seats sold (server)", s -> Integer.toString(s.soldSeats())),
                new Row("oversold", s -> Integer.toString(s.oversold())),
                new Row("independent check", s -> s.checkPassed() ? "PASS" : "FAIL (" + s.violations().size() + ")"));
        StringBuilder table = new StringBuilder();
        for (Row row : rows) {
            List<String> cells = new ArrayList<>();
            for (RushSummary summary : summaries) cells.add(String.format("%-22s", row.value().apply(summary)));
            table.append(String.format("%-30s", row.label())).append(String.join(" ", cells).stripTrailing()).append('\n');
        }
        for (RushSummary summary : summaries) {
            summary.violations().stream().limit(20).forEach(v -> table.append("  violation (").append(summary.strategy()).append("): ").append(v).append('\n'));
        }
        return table.toString();
    }

    private record Row(String label, Function<RushSummary, String> value) {
    }
}
