package dev.ticketrush.server.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SseStreamTest {

    @Test
    void framesAreWrittenWithNoSpaceAfterTheColonAndABlankLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SseStream stream = new SseStream(out);
        assertTrue(stream.send("INIT", "Connected for Queue: 7"));
        assertTrue(stream.send("RESERVATION_STATUS", "SUCCESS"));
        assertEquals("event:INIT\ndata:Connected for Queue: 7\n\nevent:RESERVATION_STATUS\ndata:SUCCESS\n\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void keepaliveCarriesAnInstantWithExactlyMilliseconds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(new SseStream(out).keepAlive());
        assertTrue(out.toString(StandardCharsets.UTF_8).matches(
                "event:KEEPALIVE\ndata:\\{\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"}\n\n"), out.toString(StandardCharsets.UTF_8));
        assertEquals(Duration.ofSeconds(15), SseStream.KEEPALIVE);
    }

    @Test
    void aClientThatLeftMakesEverySendAnswerFalseAndNextAnswerNull() throws Exception {
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        };
        SseStream stream = new SseStream(gone);
        assertFalse(stream.send("INIT", "x"));
        assertFalse(stream.send("INIT", "x"));
        var source = new LinkedBlockingQueue<String>();
        source.add("queued");
        assertNull(stream.next(source), "nothing is handed out for a stream whose client has gone");
    }

    @Test
    void nextHandsOutQueuedItemsInOrder() throws Exception {
        SseStream stream = new SseStream(new ByteArrayOutputStream());
        var source = new LinkedBlockingQueue<String>();
        source.add("first");
        source.add("second");
        assertEquals("first", stream.next(source));
        assertEquals("second", stream.next(source));
    }
}
