package dev.ticketrush.server.http;

import dev.ticketrush.server.infra.Outage;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.eclipse.jetty.server.HttpOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Server-Sent Events response, frames written as the contract wants them: {@code event:NAME} and
 * {@code data:...} with no space after the colon (Javalin's own SSE client adds one), then a blank line,
 * each flushed at once. Frames go to Jetty as whole buffers, which it writes straight to the socket: a stream
 * written with {@code write(byte[])} keeps a 32 KB output buffer, outside the heap, for its whole life, 1.6 GB at
 * 50,000 streams. A failed write means the client is gone: the stream closes and every later send
 * answers false. Jetty cannot see an HTTP/1.1 client leave while nothing is written, so the next frame or
 * KEEPALIVE (every 15 s) is when a gone client is noticed.
 */
public final class SseStream {

    private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);

    /** The contract's KEEPALIVE period; inside the connector's 20 s idle timeout. */
    public static final Duration KEEPALIVE = Duration.ofSeconds(15);

    private final OutputStream out;
    private volatile boolean open;
    private long nextKeepAliveNanos;

    SseStream(OutputStream out) {
        this(out, true);
    }

    private SseStream(OutputStream out, boolean open) {
        this.out = out;
        this.open = open;
        this.nextKeepAliveNanos = System.nanoTime() + KEEPALIVE.toNanos();
    }

    /**
     * Turns the response into an event stream and sends its headers at once. A HEAD gets the headers GET would get
     * and a stream already ended: every send answers false, so the handler returns where the first frame would go.
     */
    public static SseStream open(Context ctx) throws IOException {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream;charset=UTF-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        out.flush();
        return new SseStream(out, ctx.method() != HandlerType.HEAD);
    }

    /** What a stream does for its whole life: writes frames until its client goes or it has said all. */
    @FunctionalInterface
    public interface Body {
        void run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code body} on a virtual thread started for it and lets the request's own thread go; the response ends and
     * the stream's {@code permit} is given back when the body returns, and what it throws is answered as a handler's
     * exception would be. A stream parked for minutes on the request's thread keeps Jetty's and Javalin's call stack
     * with it, about 2 KB of heap more a stream.
     */
    public static void detach(Context ctx, StreamQuota.Permit permit, Body body) {
        ctx.future(() -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            try {
                Thread.ofVirtual().name("event-stream").start(() -> run(ctx, body, permit, done));
            } catch (RuntimeException | Error notStarted) {
                permit.close();
                throw notStarted;
            }
            return done;
        });
    }

    private static void run(Context ctx, Body body, StreamQuota.Permit permit, CompletableFuture<Void> done) {
        try (permit) {
            body.run();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // once the stream's 200 is out, an error can only end it (EventSource reconnects): an error body would land in the stream
            if (!ctx.res().isCommitted()) done.completeExceptionally(e);
            // a client that left fails a write (an IOException) and an outage is logged once, by the health probe: neither is a bug
            else if (!(e instanceof IOException) && Outage.dependencyOf(e).isEmpty()) LOG.warn("an event stream of {} ended on an error", ctx.path(), e);
        } finally {
            done.complete(null); // after an Error too: the response must end
        }
    }

    /** Writes one frame and flushes it; false when the client has gone. */
    public synchronized boolean send(String event, String data) {
        if (!open) return false;
        try {
            byte[] frame = ("event:" + event + "\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8);
            if (out instanceof HttpOutput jetty) {
                jetty.write(ByteBuffer.wrap(frame)); // blocks until written, like write and flush
            } else {
                out.write(frame);
                out.flush();
            }
            return true;
        } catch (IOException | RuntimeException gone) {
            open = false;
            return false;
        }
    }

    /** Sends {@code KEEPALIVE {"timestamp":...}} now; false when the client has gone. */
    public boolean keepAlive() {
        return send("KEEPALIVE", "{\"timestamp\":\"" + EventTime.format(Instant.now()) + "\"}");
    }

    /**
     * Waits for the next item of {@code source}, sending KEEPALIVE every 15 s meanwhile (counted from the
     * stream's opening, whatever else was sent); null once the client has gone.
     */
    public <T> T next(BlockingQueue<T> source) throws InterruptedException {
        while (open) {
            T item = source.poll(Math.max(0, nextKeepAliveNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (System.nanoTime() - nextKeepAliveNanos >= 0) {
                nextKeepAliveNanos += KEEPALIVE.toNanos();
                if (!keepAlive()) return null;
            }
            if (item != null) return item;
        }
        return null;
    }
}
