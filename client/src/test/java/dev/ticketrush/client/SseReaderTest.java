package dev.ticketrush.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SseReaderTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stream", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream;charset=UTF-8");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(("event:INIT\ndata:Connected for Queue: 7\n\n"
                        + "\n"
                        + "event: SPACED\ndata:first line\ndata:second line\n\n"
                        + "data:no event name\n\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/missing", exchange -> {
            byte[] body = "{\"status\":404,\"message\":\"Concert not found: 9\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/html", exchange -> {
            byte[] body = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void framesKeepTheirRawLinesSoTheFormatCanBeCheckedByteForByte() throws Exception {
        try (SseReader stream = open("/stream")) {
            SseReader.Frame init = stream.next(Duration.ofSeconds(5));
            assertEquals(new SseReader.Frame("INIT", "Connected for Queue: 7", List.of("event:INIT", "data:Connected for Queue: 7")), init);
            SseReader.Frame spaced = stream.next(Duration.ofSeconds(5));
            assertEquals("SPACED", spaced.event(), "a blank line between frames is skipped");
            assertEquals("event: SPACED", spaced.lines().getFirst(), "the space a strict client would refuse is kept in the raw line");
            assertEquals("first line\nsecond line", spaced.data());
            SseReader.Frame unnamed = stream.next(Duration.ofSeconds(5));
            assertNull(unnamed.event());
            assertEquals("no event name", unnamed.data());
            assertFalse(stream.ended());
            assertNull(stream.next(Duration.ofSeconds(5)));
            assertTrue(stream.ended(), "the server closed the stream");
        }
    }

    @Test
    void awaitSkipsToTheNamedEvent() throws Exception {
        try (SseReader stream = open("/stream")) {
            assertEquals("second line", stream.await("SPACED", Duration.ofSeconds(5)).data().lines().toList().getLast());
            assertNull(stream.await("ACTIVE", Duration.ofSeconds(5)), "the stream ended without one");
        }
    }

    @Test
    void anErrorAnswerOrAnotherContentTypeIsRefusedWithItsStatus() {
        SseReader.Refused missing = assertThrows(SseReader.Refused.class, () -> open("/missing"));
        assertEquals(404, missing.status());
        assertTrue(missing.getMessage().contains("Concert not found: 9"), missing.getMessage());
        SseReader.Refused html = assertThrows(SseReader.Refused.class, () -> open("/html"));
        assertEquals(200, html.status());
        assertTrue(html.getMessage().contains("not text/event-stream"), html.getMessage());
    }

    private SseReader open(String path) throws Exception {
        return SseReader.open(client, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), Duration.ofSeconds(10));
    }
}
