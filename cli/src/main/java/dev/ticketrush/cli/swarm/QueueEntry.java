package dev.ticketrush.cli.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.client.SseReader;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A buyer's way through the waiting room: join (retrying a REJECTED join with backoff), then hold the stream until ACTIVE.
 * A join is a request in flight like any other; streams are held by a bounded number of buyers at once, taken in line
 * order, as each is an open file here and a 100,000-buyer rush would otherwise run out of them.
 */
final class QueueEntry {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration GIVE_UP = Duration.ofMinutes(15);

    private final HttpClient streams;
    private final AtomicInteger rejectedJoins;
    private final Semaphore requests;
    private final Semaphore streamSlots;
    private final ObjectMapper json = new ObjectMapper();

    QueueEntry(HttpClient streams, AtomicInteger rejectedJoins, Semaphore requests, Semaphore streamSlots) {
        this.streams = streams;
        this.rejectedJoins = rejectedJoins;
        this.requests = requests;
        this.streamSlots = streamSlots;
    }

    /**
     * Returns once the buyer is ACTIVE, with the admission token the server signed ("" where it signs none); null when it
     * gave up. A failed join throws the client's one-line failure.
     */
    String awaitAdmission(ApiClient server, long userId, long concertId) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        Duration backoff = Duration.ofMillis(100);
        while (System.nanoTime() < deadline) {
            JsonNode joined = join(server, userId, concertId);
            String status = joined.path("status").asText();
            if (status.equals("ACTIVE")) return joined.path("admissionToken").asText("");
            if (status.equals("WAITING")) {
                String token = streamUntilActive(server, userId, concertId, deadline);
                if (token != null) return token;
            }
            if (status.equals("REJECTED")) rejectedJoins.incrementAndGet();
            Thread.sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        return null;
    }

    private JsonNode join(ApiClient server, long userId, long concertId) throws InterruptedException {
        requests.acquire();
        try {
            return server.joinWaitingRoom(userId, concertId);
        } finally {
            requests.release();
        }
    }

    /** Holds the subscription, once a stream is free, until an ACTIVE frame: its token ("" for none); null when it ended first. */
    private String streamUntilActive(ApiClient server, long userId, long concertId, long deadline) throws InterruptedException {
        if (!streamSlots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) return null;
        try {
            return follow(server, userId, concertId, deadline);
        } finally {
            streamSlots.release();
        }
    }

    private String follow(ApiClient server, long userId, long concertId, long deadline) throws InterruptedException {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        URI uri = URI.create(server.baseUrl() + "/api/v1/waiting-queue/subscribe?userId=" + userId + "&concertId=" + concertId);
        try (SseReader stream = SseReader.open(streams, uri, left)) {
            SseReader.Frame active = stream.await("ACTIVE", left);
            return active == null ? null : json.readTree(active.data()).path("admissionToken").asText("");
        } catch (IOException lost) {
            return null;
        }
    }
}
