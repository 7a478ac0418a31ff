package dev.ticketrush.server;

import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Response;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile requests across every endpoint: each is answered with the 4xx it deserves and the contract's JSON error
 * body, and none of them writes anything, in PostgreSQL or in Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends ServerTest {

    private static final Pattern ERROR_BODY = Pattern.compile(
            "\\{\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\",\"status\":(\\d{3}),\"error\":\"[^\"]+\",\"message\":\"(?:[^\"\\\\]|\\\\.)*\",\"path\":\"[^\"]*\"}");
    private static final String SETUP = "/api/concerts/setup";
    private static final byte[] NOT_UTF8 = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    /** One hostile request and the status it must get. */
    private record Hostile(String method, String path, Map<String, String> headers, byte[] body, int status) {
        static Hostile of(String method, String path, String body, int status) {
            return new Hostile(method, path, Map.of(), body == null ? null : body.getBytes(StandardCharsets.UTF_8), status);
        }

        Hostile as(long user) {
            return new Hostile(method, path, Map.of("User-Id", Long.toString(user)), body, status);
        }

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + new String(body, StandardCharsets.UTF_8)) + (headers.isEmpty() ? "" : " " + headers);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private long concert;
    private long option;
    private long seat;
    private long buyer;
    private long other;

    HostileInputTest(TestServices services) {
        super(services);
    }

    @BeforeAll
    void someoneToAttack() throws Exception {
        long[] ids = http.setupConcert(2);
        concert = ids[0];
        option = ids[1];
        seat = services.seatIds(option)[0];
        buyer = http.createUser("buyer");
        other = http.createUser("other");
        http.admit(buyer, other);
    }

    @Test
    void everyHostileRequestIsRefusedWithTheContractErrorBodyAndWritesNothing() throws Exception {
        List<Hostile> table = table();
        assertTrue(table.size() >= 60, "a table of at least 60 hostile requests: " + table.size());
        List<String> failures = new ArrayList<>();
        for (Hostile hostile : table) {
            Snapshot before = snapshot();
            HttpResponse<String> answer = send(hostile);
            Snapshot after = snapshot();
            Matcher body = ERROR_BODY.matcher(answer.body());
            if (answer.statusCode() != hostile.status()) failures.add(hostile + " -> " + answer.statusCode() + " " + answer.body());
            else if (!body.matches() || Integer.parseInt(body.group(1)) != hostile.status()) failures.add(hostile + " -> not the error body: " + answer.body());
            else if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) failures.add(hostile + " -> not JSON");
            if (after.wroteSince(before)) failures.add(hostile + " wrote: " + before + " -> " + after);
        }
        assertEquals(List.of(), failures);
    }

    private List<Hostile> table() {
        String good = "\"artistName\":\"a\",\"agencyName\":\"x\",\"concertDate\":\"2026-12-31T20:00:00\",\"seatCount\":2";
        String buy = "{\"userId\":" + buyer + ",\"seatId\":" + seat + "}";
        List<Hostile> table = new ArrayList<>(List.of(
                Hostile.of("POST", SETUP, "{\"title\":\"a\\u0000b\"," + good + "}", 400),
                Hostile.of("POST", SETUP, "{\"title\":\"\\ud800\"," + good + "}", 400),
                Hostile.of("POST", SETUP, "{\"title\":\"\\udc00x\"," + good + "}", 400),
                new Hostile("POST", SETUP, Map.of(), NOT_UTF8, 400),
                Hostile.of("POST", SETUP, "{\"title\":\"t\",\"artistName\":\"a\",\"concertDate\":\"+99999999-01-01T00:00:00\",\"seatCount\":2}", 400),
                Hostile.of("POST", SETUP, "{\"title\":\"t\",\"artistName\":\"a\",\"concertDate\":\"1969-12-31T20:00:00\",\"seatCount\":2}", 400),
                Hostile.of("POST", SETUP, "{\"title\":\"t\",\"artistName\":\"a\",\"concertDate\":\"2026-12-31T20:00:00\",\"seatCount\":1.5}", 400),
                Hostile.of("POST", SETUP, "{\"title\":\"t\",\"artistName\":\"a\",\"concertDate\":\"2026-12-31T20:00:00\",\"seatCount\":true}", 400),
                Hostile.of("POST", SETUP, "{\"title\":\"t\",\"artistName\":\"a\",\"concertDate\":\"2026-12-31T20:00:00\",\"seatCount\":1000001}", 400),
                Hostile.of("POST", SETUP, "{\"title\":\"" + "t".repeat(201) + "\"," + good + "}", 400),
                Hostile.of("POST", SETUP, "{\"title\":{\"x\":1}," + good + "}", 400),
                Hostile.of("POST", SETUP, "{\"title\":\"t\"," + good + "} trailing", 400),
                Hostile.of("POST", SETUP, "[{\"title\":\"t\"," + good + "}]", 400),
                Hostile.of("POST", SETUP, "", 400),
                Hostile.of("POST", SETUP, "{\"title\":\"" + "t".repeat(70_000) + "\"," + good + "}", 413),
                Hostile.of("GET", SETUP, null, 405),
                Hostile.of("DELETE", "/api/concerts/cleanup/abc", null, 400),
                Hostile.of("DELETE", "/api/concerts/cleanup/0", null, 400),
                Hostile.of("DELETE", "/api/concerts/cleanup/99999999999999999999", null, 400),
                Hostile.of("DELETE", "/api/concerts/cleanup/987654321", null, 404),
                Hostile.of("GET", "/api/concerts/-1/options", null, 400),
                Hostile.of("GET", "/api/concerts/1.5/options", null, 400),
                Hostile.of("GET", "/api/concerts/options/x/seats", null, 400),
                Hostile.of("GET", "/api/concerts/options/987654321/seat-audit", null, 404),
                Hostile.of("GET", "/api/concerts/987654321/async-requests", null, 404),
                Hostile.of("POST", "/api/concerts", "{}", 405),
                Hostile.of("POST", "/api/users", "{\"username\":\"a\\u0000b\"}", 400),
                Hostile.of("POST", "/api/users", "{\"username\":\"\\ud83d\"}", 400),
                Hostile.of("POST", "/api/users", "{\"username\":\"" + "u".repeat(101) + "\"}", 400),
                Hostile.of("POST", "/api/users", "{\"username\":[\"a\"]}", 400),
                Hostile.of("POST", "/api/users", "{", 400),
                Hostile.of("POST", "/api/users", "{\"username\":\"   \"}", 400),
                Hostile.of("DELETE", "/api/users/abc", null, 400),
                Hostile.of("GET", "/api/users/0", null, 400),
                Hostile.of("PUT", "/api/users/1", "{}", 405),
                Hostile.of("POST", "/api/reservations/v1/optimistic", "{\"userId\":1.7,\"seatId\":" + seat + "}", 400).as(buyer),
                Hostile.of("POST", "/api/reservations/v1/optimistic", "{\"userId\":\"x\",\"seatId\":" + seat + "}", 400).as(buyer),
                Hostile.of("POST", "/api/reservations/v1/optimistic", "{\"userId\":-1,\"seatId\":" + seat + "}", 400).as(buyer),
                Hostile.of("POST", "/api/reservations/v1/optimistic", "{\"seatId\":" + seat + "}", 400).as(buyer),
                Hostile.of("POST", "/api/reservations/v1/optimistic", "null", 400).as(buyer),
                Hostile.of("POST", "/api/reservations/v1/optimistic", buy, 403),
                Hostile.of("POST", "/api/reservations/v1/optimistic", buy, 403).as(other),
                new Hostile("POST", "/api/reservations/v1/optimistic", Map.of("User-Id", "abc"), buy.getBytes(StandardCharsets.UTF_8), 403),
                Hostile.of("POST", "/api/reservations/v2/pessimistic", "{\"userId\":" + buyer + ",\"seatId\":1e20}", 400).as(buyer),
                Hostile.of("POST", "/api/reservations/v2/pessimistic", "{\"userId\":" + buyer + ",\"seatId\":" + seat + ",\"note\":\"\\u0000\"}", 400).as(buyer),
                Hostile.of("POST", "/api/reservations/v3/distributed-lock", "{\"userId\":" + buyer + "}", 400).as(buyer),
                Hostile.of("POST", "/api/reservations/v4-opt/queue-polling", "{\"userId\":" + buyer + ".0,\"seatId\":" + seat + "}", 400).as(buyer),
                Hostile.of("POST", "/api/reservations/v4-pes/queue-polling", "{\"userId\":" + buyer + "}", 400).as(buyer),
                new Hostile("POST", "/api/reservations/v5-opt/queue-sse", Map.of("User-Id", Long.toString(buyer)), NOT_UTF8, 400),
                Hostile.of("POST", "/api/reservations/v5-opt/queue-sse", buy, 403).as(other),
                Hostile.of("GET", "/api/reservations/v4/status?userId=1", null, 400),
                Hostile.of("GET", "/api/reservations/v4/status?requestId=abc", null, 400),
                Hostile.of("GET", "/api/reservations/v4/status?requestId=0", null, 400),
                Hostile.of("GET", "/api/reservations/v5/subscribe?userId=x&seatId=1", null, 400),
                Hostile.of("GET", "/api/reservations/users/abc", null, 400),
                Hostile.of("DELETE", "/api/reservations/abc", null, 400),
                Hostile.of("DELETE", "/api/reservations/987654321", null, 404).as(buyer),
                Hostile.of("PATCH", "/api/reservations/v1/optimistic", buy, 405),
                Hostile.of("POST", "/api/v1/waiting-queue/join", "{\"userId\":1.5,\"concertId\":" + concert + "}", 400),
                Hostile.of("POST", "/api/v1/waiting-queue/join", "{\"userId\":1,\"concertId\":\"x\"}", 400),
                Hostile.of("POST", "/api/v1/waiting-queue/join", "{\"userId\":1,\"concertId\":987654321}", 404),
                Hostile.of("POST", "/api/v1/waiting-queue/join", "{\"userId\":1,\"concertId\":" + concert + ",\"x\":\"\\ud800\"}", 400),
                Hostile.of("GET", "/api/v1/waiting-queue/status?userId=1", null, 400),
                Hostile.of("GET", "/api/v1/waiting-queue/status?userId=1&concertId=-5", null, 400),
                Hostile.of("GET", "/api/v1/waiting-queue/subscribe?userId=1&concertId=987654321", null, 404),
                Hostile.of("GET", "/api/v1/waiting-queue/overview", null, 400),
                Hostile.of("PUT", "/api/v1/waiting-queue/config/" + concert, "{\"capacity\":0,\"admitCount\":1,\"admitIntervalMs\":100}", 400),
                Hostile.of("PUT", "/api/v1/waiting-queue/config/" + concert, "{\"capacity\":1.5,\"admitCount\":1,\"admitIntervalMs\":100}", 400),
                Hostile.of("PUT", "/api/v1/waiting-queue/config/" + concert, "{\"capacity\":10}", 400),
                Hostile.of("PUT", "/api/v1/waiting-queue/config/" + concert, "{\"capacity\":10000001,\"admitCount\":1,\"admitIntervalMs\":100}", 400),
                Hostile.of("POST", "/api/admin/admissions", "{\"userIds\":[]}", 400),
                Hostile.of("POST", "/api/admin/admissions", "{\"userIds\":[1.5]}", 400),
                Hostile.of("POST", "/api/admin/admissions", "{\"userIds\":[1],\"ttlSeconds\":0}", 400),
                Hostile.of("POST", "/api/admin/admissions", "{\"userIds\":[-1]}", 400),
                Hostile.of("POST", "/api/admin/admissions", "{\"userIds\":[" + "1,".repeat(10_000) + "1]}", 400),
                Hostile.of("GET", "/api/admin/admissions", null, 405),
                Hostile.of("GET", "/api/no/such/thing", null, 404)));
        return table;
    }

    @Test
    void whatJettyRefusesBeforeAnyRouteIsAnsweredInJsonToo() throws Exception {
        Snapshot before = snapshot();
        assertRawError("GET /api/concerts/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400);
        assertRawError("GET /api/concerts/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 414);
        assertRawError("GET /api/concerts HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(100_000) + "\r\nConnection: close\r\n\r\n", 431);
        assertRawError("POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "zz\r\n{\"username\":\"x\"}\r\n0\r\n\r\n", 400);
        assertNothingWrittenSince(before);
    }

    @Test
    void aBadElementOfAnArrayIsNamedByItsIndex() throws Exception {
        HttpResponse<String> answer = send(Hostile.of("POST", "/api/admin/admissions", "{\"userIds\":[1,2.5]}", 400));
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"message\":\"Field 'userIds[1]' has an invalid value\""), answer.body());
    }

    @Test
    void headAnswersWhatGetWouldWithoutTheBody() throws Exception {
        List<String> paths = List.of("/api/concerts/987654321/options", "/api/concerts/" + concert + "/options", "/api/v1/waiting-queue/status",
                "/api/users/abc", "/api/users/" + buyer, "/api/concerts/options/" + option + "/seats", "/health", "/wait");
        for (String path : paths) {
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(get.statusCode(), head.statusCode(), "HEAD " + path + " answers as GET did: " + get.body());
            assertEquals("", head.body(), "HEAD " + path + " has no body");
        }
    }

    @Test
    void headOfAnEventStreamAnswersItsHeadersOrItsErrorAndEnds() throws Exception {
        Map<String, Integer> expected = Map.of(
                "/api/v1/waiting-queue/subscribe?userId=" + buyer + "&concertId=" + concert, 200,
                "/api/v1/waiting-queue/subscribe?userId=" + buyer + "&concertId=987654321", 404,
                "/api/reservations/v5/subscribe?requestId=987654321", 200,
                "/api/reservations/v5/subscribe?requestId=abc", 400,
                "/api/operator/stream", 200);
        for (var path : expected.entrySet()) {
            // a stream that did not end would run into the timeout
            HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path.getKey())).timeout(Duration.ofSeconds(5))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(path.getValue(), head.statusCode(), "HEAD " + path.getKey());
            assertEquals("", head.body(), "HEAD " + path.getKey() + " has no body");
            if (head.statusCode() == 200) {
                assertTrue(head.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), "HEAD " + path.getKey() + ": " + head.headers());
            }
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413LikeADeclaredOne() throws Exception {
        Snapshot before = snapshot();
        String body = "{\"username\":\"" + "u".repeat(70_000) + "\"}";
        String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        // a chunked body declares no length: the server must stop reading at the limit, not take it whole
        assertRawError("POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + chunked, 413);
        assertRawError("POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body, 413);
        assertNothingWrittenSince(before);
    }

    @Test
    void aBodyShorterThanItsLengthIsCutOffWithA4xxNotHeldForever() throws Exception {
        Snapshot before = snapshot();
        long started = System.nanoTime();
        String answer = raw("POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n"
                + "{\"username\":", 40_000);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(answer.isEmpty() || answer.matches("(?s)HTTP/1.1 4\\d\\d .*"), "a 4xx or a closed connection, never a 500: " + answer);
        System.out.printf("a stalled body was cut off after %.1f s%n", seconds);
        assertNothingWrittenSince(before);
    }

    @Test
    void headersTrickledAByteAtATimeAreCutOffNotHeldForever() throws Exception {
        assertTrickleIsCutOff("GET /health HTTP/1.1\r\nHost: x\r\n", "header");
    }

    @Test
    void aBodyTrickledAByteAtATimeIsCutOffNotHeldForever() throws Exception {
        assertTrickleIsCutOff("POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"username\":\"", "body");
    }

    @Test
    void aSmallBodyWhoseLastBytesComeLateIsStillRead() throws Exception {
        String body = "{\"username\":\"late-body-" + System.nanoTime() + "\"}";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body.substring(0, 5)).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // a busy client or network delivers the rest later; a minimum data rate would refuse this buyer
            Thread.sleep(500);
            out.write(body.substring(5).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 20"), "the request is served: " + answer);
        }
    }

    /** Sends {@code start}, then one more byte every 2 s: the 20 s idle timeout never fires, only the request deadline can. */
    private void assertTrickleIsCutOff(String start, String what) throws Exception {
        long started = System.nanoTime();
        boolean cutOff = false;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(start.getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 40 && !cutOff; i++) {
                try {
                    out.write('x');
                    out.flush();
                    cutOff = socket.getInputStream().read() == -1;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // the server is still waiting for the rest
                } catch (java.net.SocketException closed) {
                    cutOff = true;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("a trickled %s was cut off after %.1f s%n", what, seconds);
        assertTrue(cutOff, "the connection was closed while its " + what + " was still trickling in");
    }

    private void assertRawError(String request, int status) throws Exception {
        String answer = raw(request, 10_000);
        assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), request.substring(0, Math.min(80, request.length())) + " -> " + answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/json"), answer);
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        Matcher error = ERROR_BODY.matcher(body.strip());
        assertTrue(error.matches() && Integer.parseInt(error.group(1)) == status, "the contract error body: " + body);
    }

    /** Sends bytes exactly as written and answers everything the server sent back before closing (or the limit ran out). */
    private String raw(String request, int readLimitMs) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(readLimitMs);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(answer);
            } catch (java.net.SocketTimeoutException | java.net.SocketException stopped) {
                // what came before is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private HttpResponse<String> send(Hostile hostile) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + hostile.path())).timeout(Duration.ofSeconds(30))
                .method(hostile.method(), hostile.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(hostile.body()));
        if (hostile.body() != null) request.header("Content-Type", "application/json");
        hostile.headers().forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * What the tables and the contract's Redis keys hold: a request that writes nothing leaves it as it was, but for
     * keys about to expire (other tests' admissions share this Redis and end on their own).
     */
    private record Snapshot(List<Long> rows, Set<String> keys, Set<String> expiringSoon) {
        boolean wroteSince(Snapshot before) {
            if (!rows.equals(before.rows)) return true;
            Set<String> added = new HashSet<>(keys);
            added.removeAll(before.keys);
            Set<String> removed = new HashSet<>(before.keys);
            removed.removeAll(keys);
            removed.removeAll(before.expiringSoon);
            return !added.isEmpty() || !removed.isEmpty();
        }

        @Override
        public String toString() {
            return "Snapshot[rows=" + rows + ", redisKeys=" + keys.size() + "]";
        }
    }

    private void assertNothingWrittenSince(Snapshot before) throws Exception {
        Snapshot after = snapshot();
        assertFalse(after.wroteSince(before), "wrote: " + before + " -> " + after);
    }

    private Snapshot snapshot() throws Exception {
        List<Long> rows = new ArrayList<>();
        for (String table : List.of("concert", "concert_option", "seat", "app_user", "reservation", "sale_request")) {
            rows.add(sqlNumber("SELECT count(*) FROM " + table));
        }
        rows.add(sqlNumber("SELECT count(*) FROM seat WHERE status = 'RESERVED'"));
        rows.add(sqlNumber("SELECT count(*) FROM reservation WHERE cancelled_at IS NULL"));
        try (var jedis = services.jedis()) {
            Set<String> keys = new HashSet<>();
            for (String pattern : List.of("active-user:*", "waiting-queue:*", "waiting-room:throttle:*", "reservation:*")) keys.addAll(jedis.keys(pattern));
            Map<String, Response<Long>> ttls = new HashMap<>();
            try (var pipeline = jedis.pipelined()) {
                for (String key : keys) ttls.put(key, pipeline.pttl(key));
                pipeline.sync();
            }
            Set<String> expiringSoon = new HashSet<>();
            ttls.forEach((key, ttlMs) -> {
                if (ttlMs.get() >= 0 && ttlMs.get() < 120_000) expiringSoon.add(key);
            });
            return new Snapshot(rows, keys, expiringSoon);
        }
    }
}
