package dev.ticketrush.server.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The contract's event timestamp: an ISO-8601 instant with exactly milliseconds, {@code 2026-02-08T08:20:10.224Z}. */
public final class EventTime {

    /** Instant.toString would print microseconds on some JDKs and no fraction at all on a whole second. */
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EventTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
