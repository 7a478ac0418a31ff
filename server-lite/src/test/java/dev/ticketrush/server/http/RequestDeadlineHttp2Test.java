package dev.ticketrush.server.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request deadline over cleartext HTTP/2 (prior knowledge, frames written by hand so that they can be trickled),
 * with a 1 s limit, so that outliving it takes seconds, not the production 10.
 */
class RequestDeadlineHttp2Test {

    private static final int DATA = 0, HEADERS = 1, RST_STREAM = 3, SETTINGS = 4, PING = 6, CONTINUATION = 9;
    private static final int END_STREAM = 1, ACK = 1, END_HEADERS = 4;
    private static final long TRICKLE_PAUSE_MS = 400;
    /** Long enough for the 1 s deadline and its 1 s sweep, several times over. */
    private static final int TRICKLES = 20;

    /** A frame the server sent; type -1 marks the end of the connection. */
    private record Frame(int type, int flags, int stream, byte[] payload) {
        static final Frame CLOSED = new Frame(-1, 0, 0, new byte[0]);
    }

    private HttpServer server;
    private Socket socket;
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException, InterruptedException {
        server = new HttpServer(Json.mapper(), 0, true, (ctx, ms) -> { }, RequestDeadlineTest::tickingStreamAndEcho, Duration.ofSeconds(1)).start();
        socket = new Socket("127.0.0.1", server.port());
        socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        send(SETTINGS, 0, 0, new byte[0]);
        Thread.ofVirtual().start(this::readFrames);
        assertTrue(receivedWithin(5_000, SETTINGS), "the server's settings, acknowledged before any test frame: "
                + "a header block's frames must not have the acknowledgement between them");
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
        server.close();
    }

    @Test
    void anHttp2EventStreamOutlivesTheDeadlineBecauseItsRequestHasAllArrived() throws Exception {
        send(HEADERS, END_HEADERS | END_STREAM, 1, request(0x82, "/stream"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Frame frame = next(); !(frame.type() == DATA && (frame.flags() & END_STREAM) != 0); frame = next()) {
            assertTrue(frame.type() != RST_STREAM && frame != Frame.CLOSED, "the stream was cut off after: " + body);
            if (frame.type() == DATA) body.write(frame.payload());
        }
        assertEquals(RequestDeadlineTest.FRAMES, body.toString(StandardCharsets.UTF_8).split("event:TICK", -1).length - 1,
                "every frame of a 3.2 s stream arrives: " + body);
    }

    @Test
    void anHttp2BodyStillArrivingAfterTheDeadlineResetsItsStreamAndTheConnectionGoesOn() throws Exception {
        send(HEADERS, END_HEADERS, 1, request(0x83, "/echo"));
        boolean reset = false;
        for (int i = 0; i < TRICKLES && !reset; i++) {
            send(DATA, 0, 1, new byte[] {'x'});
            reset = receivedWithin(TRICKLE_PAUSE_MS, RST_STREAM);
        }
        assertTrue(reset, "the stream was reset while its body was still trickling in");
        send(PING, 0, 0, new byte[8]);
        assertTrue(receivedWithin(5_000, PING), "the connection still answers a PING after the reset");
    }

    @Test
    void anHttp2FrameStillArrivingAfterTheDeadlineClosesItsConnection() throws Exception {
        byte[] header = frame(HEADERS, END_HEADERS, 1, new byte[50]);
        socket.getOutputStream().write(header, 0, 10);
        assertClosedWhileTrickling(() -> socket.getOutputStream().write('x'));
    }

    @Test
    void anHttp2HeaderBlockTrickledInContinuationsClosesItsConnection() throws Exception {
        send(HEADERS, 0, 1, new byte[] {(byte) 0x83});
        assertClosedWhileTrickling(() -> send(CONTINUATION, 0, 1, new byte[] {(byte) 0x86}));
    }

    private interface Trickle {
        void send() throws IOException;
    }

    private void assertClosedWhileTrickling(Trickle trickle) throws InterruptedException {
        long started = System.nanoTime();
        boolean closed = false;
        for (int i = 0; i < TRICKLES && !closed; i++) {
            try {
                trickle.send();
                closed = receivedWithin(TRICKLE_PAUSE_MS, Frame.CLOSED.type());
            } catch (IOException writeRefused) {
                closed = true;
            }
        }
        assertTrue(closed, "the connection was closed while a frame was still trickling in, after "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
    }

    /** A request's header block: the method (a static table index), scheme http, the path and authority as literals. */
    private static byte[] request(int method, String path) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(method);
        block.write(0x86);
        block.write(0x04);
        block.write(path.length());
        block.writeBytes(path.getBytes(StandardCharsets.ISO_8859_1));
        block.writeBytes(new byte[] {0x01, 0x01, 'x'});
        return block.toByteArray();
    }

    private void send(int type, int flags, int stream, byte[] payload) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(frame(type, flags, stream, payload));
        out.flush();
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(new byte[] {(byte) (payload.length >> 16), (byte) (payload.length >> 8), (byte) payload.length,
                (byte) type, (byte) flags, (byte) (stream >> 24), (byte) (stream >> 16), (byte) (stream >> 8), (byte) stream});
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    private void readFrames() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = in.readNBytes(length);
                if (type == SETTINGS && (flags & ACK) == 0) send(SETTINGS, ACK, 0, new byte[0]);
                received.add(new Frame(type, flags, stream, payload));
            }
        } catch (IOException closed) {
            received.add(Frame.CLOSED);
        }
    }

    private Frame next() throws InterruptedException {
        Frame frame = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(frame, "the server sent nothing for 10 s");
        return frame;
    }

    private boolean receivedWithin(long millis, int type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Frame frame; (frame = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
            if (frame.type() == type || frame == Frame.CLOSED) return frame.type() == type;
        }
        return false;
    }
}
