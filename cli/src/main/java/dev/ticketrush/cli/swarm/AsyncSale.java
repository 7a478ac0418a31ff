package dev.ticketrush.cli.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.cli.CliFailure;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.client.SseReader;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * An async reservation through Kafka: send it, then follow that one request by the id its 202 carries, on its
 * RESERVATION_STATUS stream, falling back to polling its status if the stream cannot be had, as a real front end
 * would. Following by id means an earlier request's outcome can never be taken for this one's.
 */
final class AsyncSale {

    private static final Duration LIMIT = Duration.ofMinutes(5);

    private final HttpClient streams;
    private final ObjectMapper json = new ObjectMapper();

    AsyncSale(HttpClient streams) {
        this.streams = streams;
    }

    /** @param token the buyer's admission token where the server signs admissions, or null */
    Attempt reserve(ApiClient server, String path, long userId, long seatId, String token) throws InterruptedException {
        HttpResponse<String> accepted;
        try {
            accepted = server.exchange(server.reservation(path, userId, seatId, token));
        } catch (ConnectException refused) {
            return new Attempt.Unreached();
        } catch (IOException lost) {
            return new Attempt.Unknown(seatId, null, false, "connection lost before the 202");
        }
        switch (accepted.statusCode()) {
            case 202 -> { }
            case 403 -> { return new Attempt.NotAdmitted(); }
            case 409 -> { return new Attempt.Refused(seatId); }
            case 503 -> {
                // with a Request-Id Kafka did not confirm in time: the request may still be settled, and its id tells how it ended
                Optional<Long> unconfirmed = accepted.headers().firstValue("Request-Id").map(Long::valueOf);
                if (unconfirmed.isEmpty()) return new Attempt.Unavailable(ApiClient.retryAfter(accepted));
                return new Attempt.Unknown(seatId, unconfirmed.get(), false, "503, unconfirmed by Kafka");
            }
            default -> { return new Attempt.Failed("HTTP " + accepted.statusCode()); }
        }
        Long requestId = requestId(accepted.body());
        String status = requestId == null ? polled(server, "userId=" + userId + "&seatId=" + seatId) : pushed(server, requestId);
        if (status == null && requestId != null) status = polled(server, "requestId=" + requestId);
        if (status == null) return new Attempt.Unknown(seatId, requestId, true, "no final status within " + LIMIT.toMinutes() + " min");
        return status.equals("SUCCESS") ? new Attempt.Sold(seatId) : new Attempt.Refused(seatId);
    }

    /** The final status pushed on the request's stream; null when the stream cannot be had or ends first. */
    private String pushed(ApiClient server, long requestId) throws InterruptedException {
        URI uri = URI.create(server.baseUrl() + "/api/reservations/v5/subscribe?requestId=" + requestId);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        try (SseReader stream = SseReader.open(streams, uri, LIMIT)) {
            // KEEPALIVE frames come every 15 s: the limit is the stream's whole life, not the wait for one frame
            for (SseReader.Frame frame; (frame = stream.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) != null; ) {
                if (isFinal(frame.data())) return frame.data();
            }
        } catch (IOException lost) {
            // polled instead
        }
        return null;
    }

    /**
     * Polls v4/status until a final status. The original service's 202 carries no id: then the (user, seat) pair is
     * all there is to ask about, and its answer may still be an earlier request's, as the original's front end saw it.
     */
    private String polled(ApiClient server, String query) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String status = json.readTree(server.exchange(server.request("/api/reservations/v4/status?" + query).GET().build()).body())
                        .path("status").asText();
                if (isFinal(status)) return status;
            } catch (IOException unreachable) {
                return null;
            }
            Thread.sleep(200);
        }
        return null;
    }

    /** Asks the server's record how a request whose answer was lost ended: SUCCESS, a FAIL, or null when no instance knows yet. */
    static String settled(Servers servers, int buyer, long requestId) {
        try {
            String status = servers.anyLive(buyer, server -> server.requestStatus(requestId).path("status").asText());
            return isFinal(status) ? status : null;
        } catch (CliFailure noneAnswers) {
            return null;
        }
    }

    private static boolean isFinal(String status) {
        return status.equals("SUCCESS") || status.startsWith("FAIL");
    }

    private Long requestId(String body) {
        try {
            JsonNode answer = json.readTree(body);
            return answer.hasNonNull("requestId") ? answer.get("requestId").asLong() : null;
        } catch (IOException unreadable) {
            return null;
        }
    }
}
