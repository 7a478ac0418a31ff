package dev.ticketrush.cli.report;

import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass/fail condition on a rush's summary, as in k6: {@code METRIC OP VALUE}, where VALUE is a number (times may say
 * ms or s) or another metric, e.g. {@code p99<300ms}, {@code errors==0}, {@code sold==seats}.
 */
public record Threshold(String text, String metric, String operator, String value) {

    private static final Pattern FORM = Pattern.compile("\\s*([a-z0-9_]+)\\s*(<=|>=|==|!=|<|>)\\s*(?:(\\d+(?:\\.\\d+)?)\\s*(ms|s)?|([a-z_][a-z0-9_]*))\\s*");

    /** Every metric a threshold may name; times are in milliseconds. */
    private static final Map<String, ToDoubleFunction<RushSummary>> METRICS = Map.ofEntries(
            Map.entry("p50", s -> s.requests().latencyMs().p50()),
            Map.entry("p90", s -> s.requests().latencyMs().p90()),
            Map.entry("p99", s -> s.requests().latencyMs().p99()),
            Map.entry("max", s -> s.requests().latencyMs().max()),
            Map.entry("duration", s -> s.durationMs()),
            Map.entry("queue_p99", s -> s.queue() == null ? 0 : s.queue().waitMs().p99()),
            Map.entry("rps", s -> s.requests().perSecond()),
            Map.entry("requests", s -> s.requests().total()),
            Map.entry("succeeded", s -> s.requests().succeeded()),
            Map.entry("refused", s -> s.requests().refused()),
            Map.entry("errors", s -> s.requests().errors()),
            Map.entry("buyers", s -> s.buyers().total()),
            Map.entry("sold", s -> s.buyers().sold()),
            Map.entry("without_seat", s -> s.buyers().withoutSeat()),
            Map.entry("errored", s -> s.buyers().errored()),
            Map.entry("seats", s -> s.plan().seats()),
            Map.entry("oversold", s -> s.check().oversold()),
            Map.entry("violations", s -> s.check().violations().size()));

    private static final Set<String> TIMES = Set.of("p50", "p90", "p99", "max", "duration", "queue_p99");

    public static Threshold parse(String text) {
        Matcher form = FORM.matcher(text);
        if (!form.matches()) throw new IllegalArgumentException("--threshold must look like 'p99<300ms', 'errors==0' or 'sold==seats', got '" + text + "'");
        String metric = form.group(1);
        boolean number = form.group(3) != null;
        String value = number ? form.group(3) : form.group(5);
        String unit = form.group(4);
        if (!METRICS.containsKey(metric)) throw unknown(text, metric);
        if (!number && !METRICS.containsKey(value)) throw unknown(text, value);
        if (unit != null && (!number || !TIMES.contains(metric))) {
            throw new IllegalArgumentException("--threshold '" + text + "': only a number compared with a time (" + String.join(", ", TIMES.stream().sorted().toList())
                    + ") takes a unit");
        }
        double scale = "s".equals(unit) ? 1000 : 1;
        return new Threshold(text.strip(), metric, form.group(2), number ? Double.toString(Double.parseDouble(value) * scale) : value);
    }

    public ThresholdResult judge(RushSummary summary) {
        double actual = METRICS.get(metric).applyAsDouble(summary);
        double limit = METRICS.containsKey(value) ? METRICS.get(value).applyAsDouble(summary) : Double.parseDouble(value);
        return new ThresholdResult(text, actual, limit, comparison(limit).test(actual));
    }

    private DoublePredicate comparison(double limit) {
        return switch (operator) {
            case "<" -> a -> a < limit;
            case "<=" -> a -> a <= limit;
            case ">" -> a -> a > limit;
            case ">=" -> a -> a >= limit;
            case "==" -> a -> a == limit;
            default -> a -> a != limit;
        };
    }

    private static IllegalArgumentException unknown(String text, String name) {
        return new IllegalArgumentException("--threshold '" + text + "': no metric '" + name + "'; one of " + METRICS.keySet().stream().sorted().toList());
    }
}
