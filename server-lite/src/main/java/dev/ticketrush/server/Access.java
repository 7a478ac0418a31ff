package dev.ticketrush.server;

import dev.ticketrush.server.waitingroom.AdmissionRule;

import java.util.Arrays;
import java.util.List;

/**
 * Who may do what, and how much of it.
 *
 * @param adminToken               the bearer token admin actions need; null leaves them open (the server warns when it listens beyond loopback)
 * @param admission                what a reservation must show about its buyer
 * @param seatLimitPerConcert      live reservations one buyer may hold in one concert
 * @param joinsPerSecondPerAddress waiting-room joins one client address may make per second; 0 = no limit; loopback is exempt
 * @param trustedProxies           addresses whose X-Forwarded-For names the real client (a load balancer in front)
 * @param maxStreams               event streams one instance holds at most
 * @param maxStreamsPerAddress     event streams one client address may hold at once; loopback is exempt
 * @param allowFaults              whether an admin may crash this instance on request, to rehearse a failure ({@code rush --chaos})
 */
public record Access(String adminToken, AdmissionRule admission, int seatLimitPerConcert, int joinsPerSecondPerAddress, List<String> trustedProxies,
                     int maxStreams, int maxStreamsPerAddress, boolean allowFaults) {

    /** Generous: a family's worth of tickets, not the hall. */
    public static final int DEFAULT_SEAT_LIMIT = 10;
    public static final int DEFAULT_JOINS_PER_SECOND = 20;
    /** The most event streams an instance holds by default, whatever its heap. */
    public static final int DEFAULT_MAX_STREAMS = 60_000;
    public static final int DEFAULT_MAX_STREAMS_PER_ADDRESS = 50;
    /** Live heap an idle event stream takes, with room to spare: bench/run measures about 10 KB. */
    static final long HEAP_PER_STREAM = 16 << 10;
    /** Heap kept for all else: the server's own live heap is about 60 MB, and a rush's garbage comes on top. */
    static final long HEAP_FOR_ALL_ELSE = 192L << 20;

    public Access {
        if (adminToken != null && adminToken.isBlank()) adminToken = null;
        if (seatLimitPerConcert < 1) throw new IllegalArgumentException("seat limit per concert must be at least 1, got " + seatLimitPerConcert);
        if (joinsPerSecondPerAddress < 0) throw new IllegalArgumentException("joins per second per address must be 0 (no limit) or more");
        if (maxStreams < 1 || maxStreamsPerAddress < 1) throw new IllegalArgumentException("stream limits must be at least 1");
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** The default stream limit of a JVM whose heap may grow to {@code maxHeapBytes}: past it, one more stream would run it out. */
    public static int maxStreamsFitting(long maxHeapBytes) {
        return (int) Math.max(1_000, Math.min(DEFAULT_MAX_STREAMS, (maxHeapBytes - HEAP_FOR_ALL_ELSE) / HEAP_PER_STREAM));
    }

    static List<String> addresses(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }
}
