package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.api.ApiClient;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An async reservation through Kafka: subscribe to its RESERVATION_STATUS stream, enqueue, wait for the terminal
 * status. A stream that cannot be opened or is lost falls back to polling v4/status, as a real front end would.
 */
final class AsyncOutcome {

    private static final Duration LIMIT = Duration.ofMinutes(5);

    private final HttpClient streams;

    AsyncOutcome(HttpClient streams) {
        this.streams = streams;
    }

    /** Answers 200 for SUCCESS, 409 for a FAIL_* status, the HTTP status when the enqueue was refused, -1 when no result came in time. */
    int reserve(ApiClient server, String path, long userId, long seatId) throws IOException, InterruptedException {
        Stream<String> lines = subscribe(server, userId, seatId);
        try {
            HttpRequest enqueue = server.post(path, Map.of("userId", userId, "seatId", seatId)).header("User-Id", Long.toString(userId)).build();
            int accepted = server.exchange(enqueue).statusCode();
            if (accepted != 202) return accepted;
            int pushed = lines == null ? 0 : awaitPushed(lines);
            return pushed != 0 ? pushed : poll(server, userId, seatId);
        } finally {
            if (lines != null) lines.close();
        }
    }

    private Stream<String> subscribe(ApiClient server, long userId, long seatId) throws InterruptedException {
        try {
            HttpResponse<Stream<String>> stream = streams.send(
                    server.request("/api/reservations/v5/subscribe?userId=" + userId + "&seatId=" + seatId).timeout(LIMIT).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (stream.statusCode() == 200) return stream.body();
            stream.body().close();
        } catch (IOException unavailable) {
            // polled instead
        }
        return null;
    }

    private static int awaitPushed(Stream<String> lines) {
        try {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.equals("data:SUCCESS")) return 200;
                if (line.startsWith("data:FAIL")) return 409;
            }
        } catch (RuntimeException lost) {
            // polled instead
        }
        return 0;
    }

    private static int poll(ApiClient server, long userId, long seatId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            String body = server.exchange(server.request("/api/reservations/v4/status?userId=" + userId + "&seatId=" + seatId).GET().build()).body();
            if (body.contains("\"SUCCESS\"")) return 200;
            if (body.contains("\"FAIL")) return 409;
            Thread.sleep(200);
        }
        return -1;
    }
}
