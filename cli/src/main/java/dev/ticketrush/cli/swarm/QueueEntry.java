package dev.ticketrush.cli.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.client.SseReader;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A buyer's way through the waiting room: join (retrying a REJECTED join with backoff), then hold the stream until ACTIVE. */
final class QueueEntry {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration GIVE_UP = Duration.ofMinutes(15);

    private final HttpClient streams;
    private final AtomicInteger rejectedJoins;
    private final ObjectMapper json = new ObjectMapper();

    QueueEntry(HttpClient streams, AtomicInteger rejectedJoins) {
        this.streams = streams;
        this.rejectedJoins = rejectedJoins;
    }

    /**
     * Returns once the buyer is ACTIVE, with the admission token the server signed ("" where it signs none); null when it
     * gave up. A failed join throws the client's one-line failure.
     */
    String awaitAdmission(ApiClient server, long userId, long concertId) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        Duration backoff = Duration.ofMillis(100);
        while (System.nanoTime() < deadline) {
            JsonNode joined = server.joinWaitingRoom(userId, concertId);
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

    /** Holds the subscription until an ACTIVE frame and answers its token ("" for none); null when the stream ended first. */
    private String streamUntilActive(ApiClient server, long userId, long concertId, long deadline) throws InterruptedException {
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
