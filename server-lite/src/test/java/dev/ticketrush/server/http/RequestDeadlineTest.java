package dev.ticketrush.server.http;

import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request deadline with a 1 s limit, so that outliving it takes seconds, not the production 10. */
class RequestDeadlineTest {

    static final int FRAMES = 8;
    static final long FRAME_PAUSE_MS = 400;

    private HttpServer server;

    @BeforeEach
    void start() {
        server = new HttpServer(Json.mapper(), 0, false, (ctx, ms) -> { }, RequestDeadlineTest::tickingStreamAndEcho, Duration.ofSeconds(1)).start();
    }

    /** A 3.2 s event stream whose request has all arrived, and a route that reads a body: the deadline's two cases. */
    static void tickingStreamAndEcho(Javalin app) {
        app.get("/stream", ctx -> {
            SseStream stream = SseStream.open(ctx);
            for (int i = 0; i < FRAMES; i++) {
                stream.send("TICK", Integer.toString(i));
                Thread.sleep(FRAME_PAUSE_MS);
            }
        });
        app.post("/echo", ctx -> ctx.result(ctx.body()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anEventStreamOutlivesTheDeadlineBecauseItsRequestHasAllArrived() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals(FRAMES, answer.split("event:TICK", -1).length - 1, "every frame of a 3.2 s stream arrives: " + answer);
        }
    }

    @Test
    void aBodyStillArrivingAfterTheDeadlineIsCutOff() throws Exception {
        long started = System.nanoTime();
        boolean cutOff = false;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{".getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 20 && !cutOff; i++) {
                try {
                    out.write('x');
                    out.flush();
                    cutOff = socket.getInputStream().read() == -1;
                } catch (SocketTimeoutException stillOpen) {
                    // the server is still waiting for the rest
                } catch (SocketException closed) {
                    cutOff = true;
                }
            }
        }
        assertTrue(cutOff, "the connection was closed while its body was still trickling in, after "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
    }
}
