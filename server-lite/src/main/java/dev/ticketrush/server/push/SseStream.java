package dev.ticketrush.server.push;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One Server-Sent Events response, frames written as the contract wants them: {@code event:NAME} and
 * {@code data:...} with no space after the colon (Javalin's own SSE client adds one). A failed write
 * means the client is gone: the stream closes and every later send answers false.
 */
public final class SseStream {

    private final OutputStream out;
    private volatile boolean open = true;

    private SseStream(OutputStream out) {
        this.out = out;
    }

    /** Turns the response into an event stream and sends its headers at once. */
    public static SseStream open(Context ctx) throws IOException {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream;charset=UTF-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        out.flush();
        return new SseStream(out);
    }

    /** Writes one frame and flushes it; false when the client has gone. */
    public synchronized boolean send(String event, String data) {
        if (!open) return false;
        try {
            out.write(("event:" + event + "\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException | RuntimeException gone) {
            open = false;
            return false;
        }
    }

    public boolean keepAlive() {
        return send("KEEPALIVE", "{\"timestamp\":\"" + Instant.now() + "\"}");
    }

    public boolean isOpen() {
        return open;
    }
}
