package dev.ticketrush.server.http;

import dev.ticketrush.server.testing.ServerLog;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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

    @Test
    void overHttpEachFrameArrivesAtOnceAndOneLargerThanTheStreamsBufferArrivesWhole() throws Exception {
        String large = "x".repeat(40_000);
        CountDownLatch firstRead = new CountDownLatch(1);
        try (HttpServer server = new HttpServer(Json.mapper(), 0, (ctx, ms) -> { }, app -> app.get("/stream", ctx -> {
            SseStream stream = SseStream.open(ctx);
            stream.send("SMALL", "1");
            // the next frame waits until the client has read the first: it must not sit in a buffer
            if (firstRead.await(10, TimeUnit.SECONDS)) stream.send("LARGE", large);
        })).start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("event:SMALL\ndata:1\n\n")) {
                int b = in.read();
                if (b < 0) break;
                seen.append((char) b);
            }
            assertTrue(seen.toString().contains("event:SMALL\ndata:1\n\n"), "the first frame arrived on its own: " + seen);
            firstRead.countDown();
            String rest = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).replaceAll("\r\n[0-9a-fA-F]+\r\n", "");
            assertTrue(rest.contains("event:LARGE\ndata:" + large + "\n\n"), "the 40,000-byte frame arrived whole");
        }
    }

    @Test
    void withH2cManyEventStreamsAreOpenAtOnceOnOneConnection() throws Exception {
        int streams = 20;
        CountDownLatch allOpen = new CountDownLatch(streams);
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        try (HttpServer server = new HttpServer(Json.mapper(), 0, true, (ctx, ms) -> { }, app -> {
            app.get("/health", ctx -> ctx.result("UP"));
            app.get("/stream", ctx -> SseStream.detach(ctx, () -> { }, () -> {
                SseStream stream = SseStream.open(ctx);
                clientPorts.add(ctx.req().getRemotePort());
                allOpen.countDown();
                // each stream's frame waits until every stream is open: they must all be open side by side
                if (allOpen.await(10, TimeUnit.SECONDS)) stream.send("OPEN", Integer.toString(streams));
            }));
        }).start(); HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            HttpResponse<String> upgrade = client.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, upgrade.version(), "the server took the client's upgrade to h2c");
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                responses.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("/stream")).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                HttpResponse<String> r = response.get(20, TimeUnit.SECONDS);
                assertEquals(HttpClient.Version.HTTP_2, r.version());
                assertEquals("event:OPEN\ndata:" + streams + "\n\n", r.body());
            }
            assertEquals(1, clientPorts.size(), "every stream came over the one connection the upgrade opened: " + clientPorts);
        }
    }

    @Test
    void withoutH2cAClientAskingForHttp2IsAnsweredInHttp11() throws Exception {
        try (HttpServer server = new HttpServer(Json.mapper(), 0, (ctx, ms) -> { }, app -> app.get("/stream", ctx -> SseStream.open(ctx).send("OPEN", "1"))).start();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/stream")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_1_1, r.version());
            assertEquals("event:OPEN\ndata:1\n\n", r.body());
        }
    }

    @Test
    void aDetachedStreamRunsOnAThreadOfItsOwnAndItsResponseEndsWhenItsBodyReturns() throws Exception {
        try (HttpServer server = new HttpServer(Json.mapper(), 0, (ctx, ms) -> { }, app -> app.get("/stream", ctx -> {
            String handlerThread = Thread.currentThread().getName();
            SseStream.detach(ctx, () -> { }, () -> {
                SseStream stream = SseStream.open(ctx);
                stream.send("THREADS", handlerThread + " then " + Thread.currentThread().getName());
            });
        })).start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String response = readUntil(socket.getInputStream(), "\r\n0\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4).replaceAll("\r\n[0-9a-fA-F]+\r\n", "").replaceAll("^[0-9a-fA-F]+\r\n", "");
            assertTrue(body.matches("event:THREADS\ndata:.* then event-stream\n\n\r\n"), "the frame, then the end of the chunks and nothing else: " + body);
        }
    }

    @Test
    void aDetachedStreamWhoseBodyDiesOfAnErrorStillEndsAndGivesBackItsPlace() throws Exception {
        CountDownLatch placeGiven = new CountDownLatch(1);
        try (HttpServer server = new HttpServer(Json.mapper(), 0, (ctx, ms) -> { }, app -> app.get("/stream", ctx ->
                SseStream.detach(ctx, placeGiven::countDown, () -> {
                    SseStream.open(ctx).send("INIT", "x");
                    throw new AssertionError("a bug in the stream's body");
                })
        )).start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(readUntil(socket.getInputStream(), "\r\n0\r\n\r\n").contains("event:INIT\ndata:x\n\n"));
            assertTrue(placeGiven.await(5, TimeUnit.SECONDS), "the stream's place was given back");
        }
    }

    @Test
    void aDetachedStreamThatFailsAfterItsFirstFrameEndsAndSaysWhyInTheLog() throws Exception {
        String logged = logOfAStreamThatThrowsAfterItsFirstFrame(new IllegalStateException("a bug after the stream began"));
        assertTrue(logged.contains("an event stream of /stream ended on an error") && logged.contains("a bug after the stream began"), logged);
    }

    @Test
    void aStreamWhoseClientLeftEndsWithoutALogLine() throws Exception {
        // what Jetty throws when the client is gone before the stream's headers went out: any client can do that
        String logged = logOfAStreamThatThrowsAfterItsFirstFrame(new EofException("reset by peer"));
        assertFalse(logged.contains("ended on an error"), logged);
    }

    /** What the server logs while one detached stream sends a frame, then throws; the stream must end all the same. */
    private static String logOfAStreamThatThrowsAfterItsFirstFrame(Exception thrown) throws Exception {
        CountDownLatch placeGiven = new CountDownLatch(1);
        try (HttpServer server = new HttpServer(Json.mapper(), 0, (ctx, ms) -> { }, app -> app.get("/stream", ctx ->
                SseStream.detach(ctx, placeGiven::countDown, () -> {
                    SseStream.open(ctx).send("INIT", "x");
                    if (thrown instanceof IOException io) throw io;
                    throw (RuntimeException) thrown;
                })
        )).start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            return ServerLog.during(() -> {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertTrue(readUntil(socket.getInputStream(), "\r\n0\r\n\r\n").contains("event:INIT\ndata:x\n\n"), "the stream ended after its frame");
                assertTrue(placeGiven.await(5, TimeUnit.SECONDS), "the stream's place was given back");
            });
        }
    }

    @Test
    void openStreamsKeepNoOutputBufferOfTheirOwn() throws Exception {
        int streams = 200;
        CountDownLatch end = new CountDownLatch(1);
        List<Socket> clients = new ArrayList<>();
        try (HttpServer server = new HttpServer(Json.mapper(), 0, (ctx, ms) -> { }, app -> app.get("/stream", ctx -> {
            SseStream stream = SseStream.open(ctx);
            stream.send("RANK_UPDATE", "{\"rank\":1}");
            end.await(30, TimeUnit.SECONDS);
        })).start()) {
            long before = directMemoryUsed();
            for (int i = 0; i < streams; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                clients.add(socket);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                readUntil(socket.getInputStream(), "data:{\"rank\":1}\n\n");
            }
            long grown = directMemoryUsed() - before;
            // Jetty's output buffer is 32 KB: kept by each stream, 200 of them would hold 6.4 MB
            assertTrue(grown < streams * 4096L, "direct memory grew by " + grown + " bytes for " + streams + " open streams");
        } finally {
            end.countDown();
            for (Socket socket : clients) socket.close();
        }
    }

    private static long directMemoryUsed() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    private static String readUntil(InputStream in, String wanted) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().endsWith(wanted)) {
            int b = in.read();
            if (b < 0) throw new IOException("stream ended before " + wanted + ": " + seen);
            seen.append((char) b);
        }
        return seen.toString();
    }
}
