package dev.ticketrush.client;

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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one reader of the contract's Server-Sent Events streams: frames as their event, their data and their lines
 * exactly as the server wrote them, so a caller can check {@code event:NAME} byte for byte. A virtual thread reads
 * the lines as they come; {@link #next} waits for the next whole frame with a timeout.
 */
public final class SseReader implements AutoCloseable {

    /** One frame: its event name (null when none), its data lines joined by newlines, and its raw lines. */
    public record Frame(String event, String data, List<String> lines) {
    }

    /** The server answered something other than an event stream. */
    public static final class Refused extends IOException {
        private final int status;

        Refused(int status, String detail) {
            super("subscribe answered HTTP " + status + (detail.isBlank() ? "" : ": " + detail));
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final String END = "\u0000end";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Stream<String> body;
    private volatile boolean ended;

    private SseReader(Stream<String> body) {
        this.body = body;
        Thread.ofVirtual().name("sse-reader").start(this::read);
    }

    /** Opens the stream; a non-200 answer or another content type is a {@link Refused}, a lost connection an IOException. */
    public static SseReader open(HttpClient http, URI uri, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").timeout(timeout).GET().build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
            String detail;
            try (Stream<String> body = response.body()) {
                detail = body.limit(5).collect(Collectors.joining(" "));
            }
            if (response.statusCode() == 200) detail = "Content-Type '" + type + "', not text/event-stream";
            throw new Refused(response.statusCode(), detail.length() > 300 ? detail.substring(0, 300) + "..." : detail);
        }
        return new SseReader(response.body());
    }

    private void read() {
        try {
            body.forEach(lines::add);
        } catch (RuntimeException closedOrLost) {
            // the stream ends: the caller closed it or the connection went
        } finally {
            lines.add(END);
        }
    }

    /** The next whole frame, or null when none arrives in time or the stream has ended. */
    public Frame next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> frame = new ArrayList<>();
        String event = null;
        StringBuilder data = new StringBuilder();
        while (!ended) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) return null;
            if (line.equals(END)) {
                ended = true;
                return null;
            }
            if (line.isEmpty()) {
                if (frame.isEmpty()) continue;
                return new Frame(event, data.toString(), List.copyOf(frame));
            }
            frame.add(line);
            if (line.startsWith("event:")) event = line.substring("event:".length()).strip();
            if (line.startsWith("data:")) data.append(data.isEmpty() ? "" : "\n").append(line.substring("data:".length()));
        }
        return null;
    }

    /** Skips frames until one named {@code event} arrives; null when none does in time or the stream ends. */
    public Frame await(String event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Frame frame = next(Duration.ofNanos(deadline - System.nanoTime()));
            if (frame == null) return null;
            if (event.equals(frame.event())) return frame;
        }
        return null;
    }

    /** True once the server ended the stream or the connection was lost, and every frame before was read. */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        body.close();
    }
}
