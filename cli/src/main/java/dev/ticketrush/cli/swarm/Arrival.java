package dev.ticketrush.cli.swarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * When buyers arrive: all at once (burst), at a steady rate (ramp), or through stages whose rate moves linearly from one
 * value to another over a duration, as k6's ramping-arrival-rate does.
 *
 * @param stages in order; empty for a burst
 */
public record Arrival(List<Stage> stages) {

    public static final Arrival BURST = new Arrival(List.of());

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)/s");
    private static final Pattern STAGE = Pattern.compile("(\\d+(?:\\.\\d+)?)/s(?:\\.\\.(\\d+(?:\\.\\d+)?)/s)?@(\\d+(?:\\.\\d+)?)(ms|s|m)");

    public Arrival {
        stages = List.copyOf(stages);
    }

    /**
     * A stretch of the rush whose arrival rate moves linearly from {@code from} to {@code to} buyers per second over
     * {@code seconds}; an open-ended ramp lasts forever at one rate.
     */
    public record Stage(double from, double to, double seconds) {

        double arrivals() {
            return (from + to) / 2 * seconds;
        }

        /** Seconds into the stage at which arrival n (counted from 0, below {@link #arrivals()}) happens. */
        double timeOf(double n) {
            double slope = Double.isInfinite(seconds) ? 0 : (to - from) / seconds;
            // arrivals by time t: from * t + slope * t^2 / 2
            if (Math.abs(slope) < 1e-9) return n / from;
            return (Math.sqrt(from * from + 2 * slope * n) - from) / slope;
        }

        @Override
        public String toString() {
            String rates = from == to ? number(from) + "/s" : number(from) + "/s.." + number(to) + "/s";
            return rates + "@" + number(seconds) + "s";
        }
    }

    public static Arrival parse(String text) {
        if (text.equals("burst")) return BURST;
        if (text.startsWith("ramp:")) {
            Matcher rate = RATE.matcher(text.substring(5));
            if (rate.matches() && Double.parseDouble(rate.group(1)) > 0) return steady(Double.parseDouble(rate.group(1)));
        }
        if (text.startsWith("stages:")) return stages(text.substring(7));
        throw new IllegalArgumentException("--arrival must be 'burst', 'ramp:RATE/s' with RATE > 0 or 'stages:FROM/s..TO/s@DURATION,...', got '" + text + "'");
    }

    /** Buyers at a steady rate, for as long as there are buyers. */
    public static Arrival steady(double perSecond) {
        return new Arrival(List.of(new Stage(perSecond, perSecond, Double.POSITIVE_INFINITY)));
    }

    /** This ramp's rate for a fixed time: the open-ended rush of {@code --duration}. */
    public Arrival lasting(Duration duration) {
        if (stages.size() != 1 || !Double.isInfinite(stages.getFirst().seconds())) {
            throw new IllegalArgumentException("--duration needs --arrival ramp:RATE/s: it says how long that rate lasts");
        }
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("--duration must be positive, got " + duration);
        double rate = stages.getFirst().from();
        return new Arrival(List.of(new Stage(rate, rate, duration.toMillis() / 1000.0)));
    }

    private static Arrival stages(String list) {
        List<Stage> stages = new ArrayList<>();
        for (String part : list.split(",")) {
            Matcher stage = STAGE.matcher(part.strip());
            if (!stage.matches()) {
                throw new IllegalArgumentException("a stage must look like 0/s..500/s@10s (a ramp) or 500/s@30s (steady), got '" + part + "'");
            }
            double from = Double.parseDouble(stage.group(1));
            double to = stage.group(2) == null ? from : Double.parseDouble(stage.group(2));
            double seconds = Double.parseDouble(stage.group(3)) * switch (stage.group(4)) {
                case "ms" -> 0.001;
                case "m" -> 60;
                default -> 1;
            };
            if (seconds <= 0) throw new IllegalArgumentException("a stage must last more than 0 s, got '" + part + "'");
            stages.add(new Stage(from, to, seconds));
        }
        Arrival arrival = new Arrival(stages);
        if (arrival.buyers().orElseThrow() < 1) throw new IllegalArgumentException("the stages '" + list + "' bring no buyer at all");
        return arrival;
    }

    /** How many buyers the stages bring; empty for a burst or an open-ended ramp, whose count is --users. */
    public OptionalInt buyers() {
        if (stages.isEmpty() || stages.stream().anyMatch(s -> Double.isInfinite(s.seconds()))) return OptionalInt.empty();
        // a small tolerance keeps 500/s over 30 s at 15000, not 14999 for a rounding error
        return OptionalInt.of((int) Math.floor(stages.stream().mapToDouble(Stage::arrivals).sum() + 1e-6));
    }

    /** How long after the start buyer i arrives. */
    public Duration delayOf(int buyer) {
        double n = buyer;
        double offset = 0;
        for (Stage stage : stages) {
            if (n < stage.arrivals()) return Duration.ofNanos(Math.round((offset + stage.timeOf(n)) * 1e9));
            n -= stage.arrivals();
            offset += stage.seconds();
        }
        return Duration.ofNanos(Math.round(offset * 1e9));
    }

    @Override
    public String toString() {
        if (stages.isEmpty()) return "burst";
        if (stages.size() == 1 && Double.isInfinite(stages.getFirst().seconds())) return "ramp:" + stages.getFirst().from() + "/s";
        return "stages:" + stages.stream().map(Stage::toString).collect(Collectors.joining(","));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
