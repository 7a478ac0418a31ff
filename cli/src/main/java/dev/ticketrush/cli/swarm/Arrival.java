package dev.ticketrush.cli.swarm;

import java.time.Duration;

/** When buyers arrive: all at once, or at a steady rate. */
public record Arrival(double perSecond) {

    public static final Arrival BURST = new Arrival(0);

    public static Arrival parse(String text) {
        if (text.equals("burst")) return BURST;
        if (text.startsWith("ramp:") && text.endsWith("/s")) {
            try {
                double rate = Double.parseDouble(text.substring(5, text.length() - 2));
                if (rate > 0) return new Arrival(rate);
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new IllegalArgumentException("arrival must be 'burst' or 'ramp:RATE/s' with RATE > 0, got '" + text + "'");
    }

    /** How long after the start buyer i arrives. */
    public Duration delayOf(int buyer) {
        return perSecond == 0 ? Duration.ZERO : Duration.ofNanos((long) (buyer * 1e9 / perSecond));
    }

    @Override
    public String toString() {
        return perSecond == 0 ? "burst" : "ramp:" + perSecond + "/s";
    }
}
