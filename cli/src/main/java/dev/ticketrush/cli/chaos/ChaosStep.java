package dev.ticketrush.cli.chaos;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fault of a rehearsal, as {@code rush --chaos} reads it: {@code kill-instance@30%}, {@code redis@30%+5s},
 * {@code kafka@10s+8s}. The trigger is a share of the buyers done, or seconds after the first arrival; a service
 * outage lasts the given time (5 s unless said).
 *
 * @param fault  what fails
 * @param share  the share of buyers done (0..1) that triggers it, or null when {@code after} does
 * @param after  the time after the first arrival that triggers it, or null when {@code share} does
 * @param outage how long a service stays away; zero for a killed instance, which stays dead
 */
public record ChaosStep(Fault fault, Double share, Duration after, Duration outage) {

    /** What can fail. */
    public enum Fault {
        KILL_INSTANCE, POSTGRES, REDIS, KAFKA;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final Duration DEFAULT_OUTAGE = Duration.ofSeconds(5);
    private static final Pattern FORM = Pattern.compile("([a-z-]+)@(\\d+(?:\\.\\d+)?)(%|s)(?:\\+(\\d+(?:\\.\\d+)?)s)?");

    public static ChaosStep parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("--chaos must look like kill-instance@30% or redis@30%+5s, got '" + text + "'");
        Fault fault = fault(m.group(1));
        double at = Double.parseDouble(m.group(2));
        boolean byShare = m.group(3).equals("%");
        if (byShare && (at <= 0 || at >= 100)) throw new IllegalArgumentException("--chaos " + text + ": the share must be between 0% and 100%");
        if (fault == Fault.KILL_INSTANCE && m.group(4) != null) {
            throw new IllegalArgumentException("--chaos " + text + ": a killed instance stays dead; leave out the +duration");
        }
        Duration outage = fault == Fault.KILL_INSTANCE ? Duration.ZERO
                : m.group(4) == null ? DEFAULT_OUTAGE : Duration.ofMillis(Math.round(Double.parseDouble(m.group(4)) * 1000));
        if (fault != Fault.KILL_INSTANCE && (outage.isZero() || outage.compareTo(Duration.ofMinutes(10)) > 0)) {
            throw new IllegalArgumentException("--chaos " + text + ": an outage lasts more than 0 s and at most 600 s");
        }
        return byShare ? new ChaosStep(fault, at / 100, null, outage) : new ChaosStep(fault, null, Duration.ofMillis(Math.round(at * 1000)), outage);
    }

    private static Fault fault(String name) {
        for (Fault fault : Fault.values()) if (fault.label().equals(name)) return fault;
        throw new IllegalArgumentException("--chaos: no fault '" + name + "'; one of kill-instance, postgres, redis, kafka");
    }

    /** Whether the trigger is reached, given the buyers done and the time since the first arrival. */
    public boolean due(int buyersDone, int buyers, Duration elapsed) {
        return share != null ? buyersDone >= share * buyers : elapsed.compareTo(after) >= 0;
    }

    @Override
    public String toString() {
        String at = share != null ? Math.round(share * 100) + "%" : after.toMillis() / 1000.0 + "s";
        return fault.label() + "@" + at + (outage.isZero() ? "" : "+" + outage.toMillis() / 1000.0 + "s");
    }
}
