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

/** An async reservation through Kafka: subscribe to its RESERVATION_STATUS stream, enqueue, wait for the terminal status. */
final class AsyncOutcome {

    private static final Duration LIMIT = Duration.ofMinutes(5);

    private final HttpClient streams;

    AsyncOutcome(HttpClient streams) {
        this.streams = streams;
    }

    /** Answers 200 for SUCCESS, 409 for a FAIL_* status, the HTTP status when the enqueue was refused, -1 on a lost stream. */
    int reserve(ApiClient server, String path, long userId, long seatId) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> stream = streams.send(
                server.request("/api/reservations/v5/subscribe?userId=" + userId + "&seatId=" + seatId).timeout(LIMIT).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = stream.body()) {
            if (stream.statusCode() != 200) return stream.statusCode();
            HttpRequest enqueue = server.post(path, Map.of("userId", userId, "seatId", seatId)).header("User-Id", Long.toString(userId)).build();
            int accepted = server.exchange(enqueue).statusCode();
            if (accepted != 202) return accepted;
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.equals("data:SUCCESS")) return 200;
                if (line.startsWith("data:FAIL")) return 409;
            }
            return -1;
        }
    }
}
