package dev.ticketrush.server.waitingroom;

import dev.ticketrush.client.SseReader;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ticketrush.server.waitingroom.WaitingRoomApiTest.awaitTrue;
import static dev.ticketrush.server.waitingroom.WaitingRoomApiTest.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Step 7 over real HTTP streams: frames byte for byte, ranks pushed as admissions happen, ACTIVE, and the Redis cost. */
class WaitingRoomPushTest extends ServerTest {

    private static final Pattern RANK_DATA = Pattern.compile(
            "\\{\"userId\":(\\d+),\"concertId\":(\\d+),\"status\":\"(\\w+)\",\"rank\":(-?\\d+),\"activeTtlSeconds\":(\\d+),"
                    + "\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\",\"estimatedWaitSeconds\":(\\d+)}");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final HttpClient client = HttpClient.newHttpClient();

    WaitingRoomPushTest(TestServices services) {
        super(services);
    }

    @Test
    void aSubscriberSeesInitThenEachAdmissionAheadOfItThenActive() throws Exception {
        long concert = http.setupConcert(1)[0];
        configure(concert, 100, 1, 3_600_000);
        long[] users = services.createUsers(3);
        for (long user : users) http.post("/api/v1/waiting-queue/join", join(user, concert));
        long watched = users[2];
        try (SseReader stream = subscribe(watched, concert)) {
            assertEquals(List.of("event:INIT", "data:Connected for Queue: " + concert), next(stream).lines());
            Matcher first = assertRankFrame(next(stream), "RANK_UPDATE", watched, concert, "WAITING", 3);
            assertEquals(10_800, Long.parseLong(first.group(6)), "three batches of one, an hour apart");
            configure(concert, 100, 1, 300);
            assertRankFrame(next(stream), "RANK_UPDATE", watched, concert, "WAITING", 2);
            assertRankFrame(next(stream), "RANK_UPDATE", watched, concert, "WAITING", 1);
            Matcher active = assertRankFrame(next(stream), "ACTIVE", watched, concert, "ACTIVE", 0);
            assertTrue(Long.parseLong(active.group(5)) > 200, "remaining admission TTL: " + active.group(5));
        }
    }

    @Test
    void framesAreWrittenByteForByteAsTheContractShows() throws Exception {
        long concert = http.setupConcert(1)[0];
        configure(concert, 100, 1, 3_600_000);
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
                    + ",\"status\":\"WAITING\",\"rank\":1,\"activeTtlSeconds\":0,\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\""
                    + ",\"estimatedWaitSeconds\":3600}\n\n", rank), rank);
        }
    }

    @Test
    void anAdmissionWrittenByAnOutsideToolIsPushedToANoneSubscriber() throws Exception {
        long concert = http.setupConcert(1)[0];
        long user = services.createUsers(1)[0];
        try (SseReader stream = subscribe(user, concert)) {
            assertEquals("INIT", next(stream).event());
            assertRankFrame(next(stream), "RANK_UPDATE", user, concert, "NONE", -1);
            try (var jedis = services.jedis()) {
                jedis.setex("active-user:" + user, 120, "1");
            }
            Matcher active = assertRankFrame(next(stream), "ACTIVE", user, concert, "ACTIVE", 0);
            assertTrue(Long.parseLong(active.group(5)) > 100, "remaining admission TTL: " + active.group(5));
            try (var jedis = services.jedis()) {
                jedis.del("active-user:" + user);
            }
            assertRankFrame(next(stream), "RANK_UPDATE", user, concert, "NONE", -1);
        }
    }

    @Test
    void buyersAdmittedThroughTheAdminEndpointArePushedActive() throws Exception {
        long concert = http.setupConcert(1)[0];
        long user = services.createUsers(1)[0];
        try (SseReader stream = subscribe(user, concert)) {
            assertEquals("INIT", next(stream).event());
            assertRankFrame(next(stream), "RANK_UPDATE", user, concert, "NONE", -1);
            assertEquals("{\"admitted\":1,\"ttlSeconds\":90}", http.post("/api/admin/admissions", "{\"userIds\":[" + user + "],\"ttlSeconds\":90}").body());
            Matcher active = assertRankFrame(next(stream), "ACTIVE", user, concert, "ACTIVE", 0);
            assertTrue(Long.parseLong(active.group(5)) > 80 && Long.parseLong(active.group(5)) <= 90, "remaining admission TTL: " + active.group(5));
        }
    }

    @Test
    void aReconnectingSubscriberGetsItsCurrentStateAndAGoneOneIsDropped() throws Exception {
        long concert = http.setupConcert(1)[0];
        configure(concert, 100, 1, 3_600_000);
        long[] users = services.createUsers(3);
        for (long user : users) http.post("/api/v1/waiting-queue/join", join(user, concert));
        String path = "/api/v1/waiting-queue/subscribe?userId=" + users[2] + "&concertId=" + concert;
        int before = server.waitingRoomSubscribers();
        List<String> firstVisit = visitAndLeave(path);
        assertEquals("data:Connected for Queue: " + concert, firstVisit.get(1), firstVisit.toString());
        List<String> secondVisit = visitAndLeave(path);
        assertEquals("event:RANK_UPDATE", secondVisit.get(2));
        assertTrue(RANK_DATA.matcher(secondVisit.get(3).substring("data:".length())).matches(), secondVisit.toString());
        assertTrue(secondVisit.get(3).contains("\"rank\":3,"), secondVisit.toString());
        // the next changes make the server write to the closed streams and drop them
        configure(concert, 100, 1, 200);
        awaitTrue(() -> server.waitingRoomSubscribers() <= before, "closed subscribers dropped");
    }

    @Test
    void fiveHundredSubscribersAreToldOfTheirAdmissionWithNoRedisReadsPerSubscriberInBetween() throws Exception {
        int subscribers = 500;
        long concert = http.setupConcert(1)[0];
        configure(concert, 1000, 500, 3_600_000);
        long[] users = services.createUsers(subscribers);
        for (long user : users) http.post("/api/v1/waiting-queue/join", join(user, concert));
        List<SseReader> streams = new ArrayList<>();
        ConcurrentHashMap<Long, Long> activeAt = new ConcurrentHashMap<>();
        CountDownLatch allActive = new CountDownLatch(subscribers);
        try (var readers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long user : users) {
                SseReader stream = subscribe(user, concert);
                streams.add(stream);
                readers.submit(() -> {
                    if (stream.await("ACTIVE", Duration.ofSeconds(60)) != null) {
                        activeAt.put(user, System.nanoTime());
                        allActive.countDown();
                    }
                    return null;
                });
            }
            // a poll per subscriber at the original's tick would read 500 ranks five times a second
            long readsBefore = stateReads();
            Thread.sleep(3_000);
            long reads = stateReads() - readsBefore;
            System.out.printf("Redis rank/admission reads in 3 s with %d idle subscribers: %d%n", subscribers, reads);
            assertTrue(reads <= 2L * subscribers, "at most one safety-net pass of reads in 3 s, not a poll per subscriber: " + reads);

            long admitted = System.nanoTime();
            configure(concert, 1000, 500, 3_600_000);
            assertTrue(allActive.await(60, TimeUnit.SECONDS), "all ACTIVE: " + activeAt.size());
            long slowestMs = activeAt.values().stream().mapToLong(at -> (at - admitted) / 1_000_000).max().orElseThrow();
            System.out.printf("slowest of %d ACTIVE pushes after the admission was configured: %d ms%n", subscribers, slowestMs);
        } finally {
            streams.forEach(SseReader::close);
        }
    }

    private SseReader subscribe(long user, long concert) throws Exception {
        return SseReader.open(client, URI.create(server.baseUrl() + "/api/v1/waiting-queue/subscribe?userId=" + user + "&concertId=" + concert),
                Duration.ofMinutes(2));
    }

    private static SseReader.Frame next(SseReader stream) throws InterruptedException {
        SseReader.Frame frame = stream.next(PATIENCE);
        assertNotNull(frame, "stream went quiet");
        return frame;
    }

    /** Calls Redis has served so far of the commands that read a line position or an admission, from INFO commandstats. */
    private long stateReads() {
        Pattern reads = Pattern.compile("cmdstat_(zrange\\w*|zrank|zrevrank|zscore|zmscore|pttl|ttl|exists):calls=(\\d+).*");
        try (var jedis = services.jedis()) {
            long calls = 0;
            for (String line : jedis.info("commandstats").split("\r?\n")) {
                Matcher stat = reads.matcher(line);
                if (stat.matches()) calls += Long.parseLong(stat.group(2));
            }
            return calls;
        }
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

    private static Matcher assertRankFrame(SseReader.Frame frame, String event, long user, long concert, String status, long rank) {
        assertEquals(List.of("event:" + event, "data:" + frame.data()), frame.lines());
        Matcher data = RANK_DATA.matcher(frame.data());
        assertTrue(data.matches(), frame.toString());
        assertEquals(user, Long.parseLong(data.group(1)));
        assertEquals(concert, Long.parseLong(data.group(2)));
        assertEquals(status, data.group(3), frame.toString());
        assertEquals(rank, Long.parseLong(data.group(4)), frame.toString());
        return data;
    }

    private void configure(long concert, int capacity, int admitCount, long intervalMs) {
        HttpResponse<String> response = http.put("/api/v1/waiting-queue/config/" + concert,
                "{\"capacity\":" + capacity + ",\"admitCount\":" + admitCount + ",\"admitIntervalMs\":" + intervalMs + "}");
        assertEquals(200, response.statusCode(), response.body());
    }
}
