package dev.ticketrush.cli.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads an SSE stream line by line, raw, so the suite can check the frames byte for byte. */
final class SseTap implements AutoCloseable {

    /** One frame: its event name, its data, and the lines exactly as the server wrote them. */
    record Frame(String event, String data, List<String> lines) {
    }

    private static final String END = "\u0000end";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile Stream<String> body;

    SseTap(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(
                HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new CheckFailed("subscribe answered HTTP " + response.statusCode());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/event-stream")) {
            response.body().close();
            throw new CheckFailed("subscribe Content-Type is '" + type + "', not text/event-stream");
        }
        this.body = response.body();
        this.reader = Thread.ofVirtual().start(() -> {
            try {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the stream ends when the tap is closed
            } finally {
                lines.add(END);
            }
        });
    }

    /** The next complete frame, or null when none arrives in time or the stream ended. */
    Frame next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> frame = new ArrayList<>();
        String event = null;
        StringBuilder data = new StringBuilder();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) return null;
            if (line.isEmpty()) {
                if (frame.isEmpty()) continue;
                return new Frame(event, data.toString(), frame);
            }
            frame.add(line);
            if (line.startsWith("event:")) event = line.substring("event:".length()).strip();
            if (line.startsWith("data:")) data.append(data.isEmpty() ? "" : "\n").append(line.substring("data:".length()));
        }
    }

    /** Skips frames until one named {@code event} arrives. */
    Frame awaitEvent(String event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Frame frame = next(Duration.ofNanos(deadline - System.nanoTime()));
            if (frame == null) return null;
            if (event.equals(frame.event())) return frame;
        }
        return null;
    }

    @Override
    public void close() {
        body.close();
        reader.interrupt();
    }
}
