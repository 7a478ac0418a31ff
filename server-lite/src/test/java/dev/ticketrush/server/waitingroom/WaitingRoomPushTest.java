package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.ticketrush.server.waitingroom.WaitingRoomApiTest.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Step 7 over real HTTP streams: frames byte for byte, falling ranks, ACTIVE, and the Redis cost per tick. */
class WaitingRoomPushTest extends ServerTest {

    private static final Pattern RANK_DATA = Pattern.compile(
            "data:\\{\"userId\":(\\d+),\"concertId\":(\\d+),\"status\":\"(\\w+)\",\"rank\":(-?\\d+),\"activeTtlSeconds\":(\\d+),\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"}");

    private final HttpClient client = HttpClient.newHttpClient();

    WaitingRoomPushTest(TestServices services) {
        super(services);
    }

    @Test
    void aSubscriberSeesInitThenFallingRanksThenActiveInContractFrames() throws Exception {
        long concert = http.setupConcert(1)[0];
        http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":1,\"admitIntervalMs\":3600000}");
        long[] users = services.createUsers(3);
        for (long user : users) {
            http.post("/api/v1/waiting-queue/join", join(user, concert));
            Thread.sleep(2);
        }
        long watched = users[2];
        try (Tap tap = new Tap(client, server.baseUrl() + "/api/v1/waiting-queue/subscribe?userId=" + watched + "&concertId=" + concert)) {
            assertEquals(List.of("event:INIT", "data:Connected for Queue: " + concert, ""), tap.lines(3));
            assertRankFrame(tap.lines(3), "RANK_UPDATE", watched, concert, "WAITING", 3);
            http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":1,\"admitIntervalMs\":300}");
            assertRankFrame(tap.lines(3), "RANK_UPDATE", watched, concert, "WAITING", 2);
            assertRankFrame(tap.lines(3), "RANK_UPDATE", watched, concert, "WAITING", 1);
            Matcher active = assertRankFrame(tap.lines(3), "ACTIVE", watched, concert, "ACTIVE", 0);
            assertTrue(Long.parseLong(active.group(5)) > 200, "remaining admission TTL: " + active.group(5));
        }
    }

    @Test
    void framesAreWrittenByteForByteAsTheContractShows() throws Exception {
        long concert = http.setupConcert(1)[0];
        http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":1,\"admitIntervalMs\":3600000}");
        long user = services.createUsers(1)[0];
        http.post("/api/v1/waiting-queue/join", join(user, concert));
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/api/v1/waiting-queue/subscribe?userId=" + user + "&concertId=" + concert)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), response.headers().toString());
            String init = "event:INIT\ndata:Connected for Queue: " + concert + "\n\n";
            assertEquals(init, new String(body.readNBytes(init.length()), StandardCharsets.UTF_8));
            String rank = readFrame(body);
            assertTrue(Pattern.matches("event:RANK_UPDATE\ndata:\\{\"userId\":" + user + ",\"concertId\":" + concert
                    + ",\"status\":\"WAITING\",\"rank\":1,\"activeTtlSeconds\":0,\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"}\n\n", rank), rank);
        }
    }

    /** Bytes up to and including the blank line that ends an SSE frame. */
    private static String readFrame(InputStream body) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int previous = -1;
        for (int next; (next = body.read()) >= 0; previous = next) {
            frame.write(next);
            if (previous == '\n' && next == '\n') break;
        }
        return frame.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anAdmissionWrittenByAnOutsideToolIsPushedToANoneSubscriber() throws Exception {
        long concert = http.setupConcert(1)[0];
        long user = services.createUsers(1)[0];
        try (Tap tap = new Tap(client, server.baseUrl() + "/api/v1/waiting-queue/subscribe?userId=" + user + "&concertId=" + concert)) {
            assertEquals(List.of("event:INIT", "data:Connected for Queue: " + concert, ""), tap.lines(3));
            assertRankFrame(tap.lines(3), "RANK_UPDATE", user, concert, "NONE", -1);
            try (var jedis = services.jedis()) {
                jedis.setex("active-user:" + user, 120, "1");
            }
            Matcher active = assertRankFrame(tap.lines(3), "ACTIVE", user, concert, "ACTIVE", 0);
            assertTrue(Long.parseLong(active.group(5)) > 100, "remaining admission TTL: " + active.group(5));
        }
    }

    @Test
    void aReconnectingSubscriberGetsItsCurrentStateAndAGoneOneIsDropped() throws Exception {
        long concert = http.setupConcert(1)[0];
        http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":1,\"admitIntervalMs\":3600000}");
        long[] users = services.createUsers(3);
        for (long user : users) http.post("/api/v1/waiting-queue/join", join(user, concert));
        String path = "/api/v1/waiting-queue/subscribe?userId=" + users[2] + "&concertId=" + concert;
        int before = server.waitingRoomSubscribers();
        List<String> firstVisit = visitAndLeave(path);
        assertEquals("data:Connected for Queue: " + concert, firstVisit.get(1), firstVisit.toString());
        List<String> secondVisit = visitAndLeave(path);
        assertRankFrame(List.of(secondVisit.get(2), secondVisit.get(3), ""), "RANK_UPDATE", users[2], concert, "WAITING", 3);
        // the next changes make the server write to the closed streams and drop them
        long changed = System.nanoTime();
        http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":1,\"admitIntervalMs\":200}");
        WaitingRoomApiTest.awaitTrue(() -> server.waitingRoomSubscribers() <= before, "closed subscribers dropped");
        long droppedMs = (System.nanoTime() - changed) / 1_000_000;
        assertTrue(droppedMs < 3_000, "dropped " + droppedMs + " ms after the first change");
    }

    /** A browser tab that opens the stream, reads INIT and the current state, and closes its connection. */
    private List<String> visitAndLeave(String path) throws Exception {
        List<String> frames = new ArrayList<>();
        try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes());
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
            String line;
            // only the event and data lines: headers and chunk framing are the transport's
            while (frames.size() < 4 && (line = reader.readLine()) != null) {
                if (line.startsWith("event:") || line.startsWith("data:")) frames.add(line);
            }
        }
        return frames;
    }

    @Test
    void fiveHundredSubscribersLearnTheirAdmissionWithinASecondAtRedisReadsPerConcertNotPerSubscriber() throws Exception {
        int subscribers = 500;
        long concert = http.setupConcert(1)[0];
        http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":1000,\"admitCount\":500,\"admitIntervalMs\":3600000}");
        long[] users = services.createUsers(subscribers);
        for (long user : users) http.post("/api/v1/waiting-queue/join", join(user, concert));
        List<Tap> taps = new ArrayList<>();
        ConcurrentHashMap<Long, Long> activeAt = new ConcurrentHashMap<>();
        CountDownLatch allActive = new CountDownLatch(subscribers);
        try {
            for (long user : users) {
                Tap tap = new Tap(client, server.baseUrl() + "/api/v1/waiting-queue/subscribe?userId=" + user + "&concertId=" + concert);
                taps.add(tap);
                tap.onActive(() -> {
                    activeAt.put(user, System.nanoTime());
                    allActive.countDown();
                });
            }
            // per subscriber, 5 ticks a second would cost 2,500 reads or more; per concert it is 2 a tick for each concert watched here
            long readsBefore = stateReads();
            Thread.sleep(1_000);
            long readsPerSecond = stateReads() - readsBefore;
            System.out.printf("Redis state reads in one second with %d subscribers: %d%n", subscribers, readsPerSecond);
            assertTrue(readsPerSecond < subscribers / 5, "Redis reads per second with " + subscribers + " subscribers: " + readsPerSecond);

            long admitted = System.nanoTime();
            http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":1000,\"admitCount\":500,\"admitIntervalMs\":3600000}");
            assertTrue(allActive.await(10, TimeUnit.SECONDS), "all ACTIVE: " + activeAt.size());
            long slowestMs = activeAt.values().stream().mapToLong(at -> (at - admitted) / 1_000_000).max().orElseThrow();
            System.out.printf("slowest of %d ACTIVE pushes after admission: %d ms%n", subscribers, slowestMs);
            assertTrue(slowestMs <= 1_000, "slowest ACTIVE push after admission: " + slowestMs + " ms");
        } finally {
            taps.forEach(Tap::close);
        }
    }

    /** Calls Redis has served so far of the commands that read a queue position or an admission, from INFO commandstats. */
    private long stateReads() {
        Pattern reads = Pattern.compile("cmdstat_(zrange\\w*|zrank|zrevrank|zscore|zmscore|pttl|ttl):calls=(\\d+).*");
        try (var jedis = services.jedis()) {
            long calls = 0;
            for (String line : jedis.info("commandstats").split("\r?\n")) {
                Matcher stat = reads.matcher(line);
                if (stat.matches()) calls += Long.parseLong(stat.group(2));
            }
            return calls;
        }
    }

    private static Matcher assertRankFrame(List<String> frame, String event, long user, long concert, String status, long rank) {
        assertEquals("event:" + event, frame.get(0), frame.toString());
        Matcher data = RANK_DATA.matcher(frame.get(1));
        assertTrue(data.matches(), frame.toString());
        assertEquals(user, Long.parseLong(data.group(1)));
        assertEquals(concert, Long.parseLong(data.group(2)));
        assertEquals(status, data.group(3), frame.toString());
        assertEquals(rank, Long.parseLong(data.group(4)), frame.toString());
        assertEquals("", frame.get(2));
        return data;
    }

    /** An SSE stream read line by line on a virtual thread. */
    private static final class Tap implements AutoCloseable {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Stream<String> body;
        private volatile Runnable onActive = () -> { };

        Tap(HttpClient client, String url) throws Exception {
            HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            body = response.body();
            Thread.ofVirtual().start(() -> {
                try {
                    body.forEach(line -> {
                        if (line.equals("event:ACTIVE")) onActive.run();
                        lines.add(line);
                    });
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            });
        }

        void onActive(Runnable action) {
            onActive = action;
        }

        List<String> lines(int count) throws InterruptedException {
            List<String> got = new ArrayList<>();
            while (got.size() < count) {
                String line = lines.poll(10, TimeUnit.SECONDS);
                if (line == null) throw new AssertionError("stream went quiet after " + got);
                got.add(line);
            }
            return got;
        }

        @Override
        public void close() {
            body.close();
        }
    }
}
