package dev.ticketrush.server;

import dev.ticketrush.client.SseReader;
import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.TestServices;
import dev.ticketrush.server.waitingroom.AdmissionRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nobody acts for another: the admission rules, the admin token, cancelling, signed admissions and the per-client limits. */
@ExtendWith(TestServices.Extension.class)
class AccessTest {

    private static final Pattern TOKEN = Pattern.compile("\"admissionToken\":\"([^\"]+)\"");

    private final TestServices services;
    private final HttpClient client = HttpClient.newHttpClient();

    AccessTest(TestServices services) {
        this.services = services;
    }

    @Test
    void theDefaultStreamLimitIsWhatTheHeapHoldsAndNeverMoreThanTheCap() {
        assertEquals(20_480, Access.maxStreamsFitting(512L << 20), "512 MB less 192 MB for all else, 16 KB a stream");
        assertEquals(53_248, Access.maxStreamsFitting(1L << 30));
        assertEquals(Access.DEFAULT_MAX_STREAMS, Access.maxStreamsFitting(8L << 30), "a large heap still stops at the cap");
        assertEquals(1_000, Access.maxStreamsFitting(128L << 20), "a tiny heap still takes some streams");
    }

    @Test
    void strictAdmissionRefusesAMissingUserIdAndOneThatActsForAnotherBuyer() throws Exception {
        try (ServerLite server = start(services.serverConfig())) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long[] ids = http.setupConcert(1);
            long seat = services.seatIds(ids[1])[0];
            long buyer = http.createUser("buyer");
            long other = http.createUser("other");
            http.admit(buyer, other);
            for (String path : List.of("/api/reservations/v1/optimistic", "/api/reservations/v2/pessimistic", "/api/reservations/v4-opt/queue-polling")) {
                assertEquals(403, http.post(path, body(buyer, seat)).statusCode(), "no User-Id: " + path);
                HttpResponse<String> forAnother = http.postAs(other, path, body(buyer, seat));
                assertEquals(403, forAnother.statusCode(), path);
                assertTrue(forAnother.body().contains("User-Id " + other + " may not reserve for user " + buyer), forAnother.body());
            }
            new SaleInvariants(services).assertSoldExactlyOnce(ids[1], 0);
            assertEquals(200, http.postAs(buyer, "/api/reservations/v1/optimistic", body(buyer, seat)).statusCode());
        }
    }

    @Test
    void theContractRuleLetsARequestWithoutUserIdThroughButNeverOneForAnother() throws Exception {
        try (ServerLite server = start(services.serverConfig().admission(AdmissionRule.CONTRACT))) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long[] ids = http.setupConcert(2);
            long[] seats = services.seatIds(ids[1]);
            long buyer = http.createUser("buyer");
            long other = http.createUser("other");
            http.admit(other);
            assertEquals(200, http.post("/api/reservations/v1/optimistic", body(buyer, seats[0])).statusCode());
            assertEquals(403, http.postAs(other, "/api/reservations/v1/optimistic", body(buyer, seats[1])).statusCode());
        }
    }

    @Test
    void adminActionsNeedTheAdminTokenWhenOneIsSet() throws Exception {
        try (ServerLite server = start(services.serverConfig().adminToken("s3cret"))) {
            HttpCalls anonymous = new HttpCalls(server.baseUrl());
            String setup = "{\"title\":\"t\",\"artistName\":\"a\",\"agencyName\":\"x\",\"concertDate\":\"2026-12-31T20:00:00\",\"seatCount\":2}";
            long concertsBefore = services.sqlNumber("SELECT count(*) FROM concert");
            HttpResponse<String> missing = anonymous.post("/api/concerts/setup", setup);
            assertEquals(401, missing.statusCode(), missing.body());
            assertEquals("Bearer", missing.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(403, send(server, "POST", "/api/concerts/setup", setup, "Bearer wrong").statusCode());
            assertEquals(concertsBefore, services.sqlNumber("SELECT count(*) FROM concert"), "refused setups write nothing");
            HttpResponse<String> done = send(server, "POST", "/api/concerts/setup", setup, "Bearer s3cret");
            assertEquals(200, done.statusCode(), done.body());
            long concert = Long.parseLong(done.body().replaceAll(".*ConcertID=(\\d+),.*", "$1"));
            long user = anonymous.createUser("anyone may sign up");
            assertEquals(401, anonymous.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":1,\"admitCount\":1,\"admitIntervalMs\":3600000}").statusCode());
            assertEquals(401, anonymous.post("/api/admin/admissions", "{\"userIds\":[" + user + "]}").statusCode());
            assertEquals(401, anonymous.delete("/api/users/" + user).statusCode());
            assertEquals(401, anonymous.delete("/api/concerts/cleanup/" + concert).statusCode());
            assertEquals(200, anonymous.get("/api/concerts/" + concert + "/options").statusCode(), "reading needs no token");
            assertEquals(200, send(server, "DELETE", "/api/concerts/cleanup/" + concert, null, "Bearer s3cret").statusCode());
        }
    }

    @Test
    void onlyItsOwnBuyerOrAnAdminCancelsAReservation() throws Exception {
        try (ServerLite server = start(services.serverConfig().adminToken("s3cret"))) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long[] ids = http.setupConcertAs("s3cret", 2);
            long[] seats = services.seatIds(ids[1]);
            long owner = http.createUser("owner");
            long stranger = http.createUser("stranger");
            services.admit(owner, stranger);
            long first = reservationId(http.postAs(owner, "/api/reservations/v1/optimistic", body(owner, seats[0])));
            long second = reservationId(http.postAs(owner, "/api/reservations/v1/optimistic", body(owner, seats[1])));
            assertEquals(403, http.deleteAs(stranger, "/api/reservations/" + first).statusCode(), "another buyer");
            assertEquals(403, http.delete("/api/reservations/" + first).statusCode(), "nobody, without the admin token");
            new SaleInvariants(services).assertSoldExactlyOnce(ids[1], 2);
            assertEquals(204, http.deleteAs(owner, "/api/reservations/" + first).statusCode());
            assertEquals(204, send(server, "DELETE", "/api/reservations/" + second, null, "Bearer s3cret").statusCode(), "an admin");
            new SaleInvariants(services).assertSoldExactlyOnce(ids[1], 0);
        }
    }

    @Test
    void signedAdmissionNeedsTheServersTokenForThisBuyerAndThisConcertUntilItExpires() throws Exception {
        try (ServerLite server = start(services.serverConfig().admission(AdmissionRule.SIGNED))) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long[] concertA = http.setupConcert(3);
            long[] concertB = http.setupConcert(1);
            long[] seatsA = services.seatIds(concertA[1]);
            long seatB = services.seatIds(concertB[1])[0];
            long buyer = http.createUser("buyer");
            long other = http.createUser("other");
            String admitted = http.post("/api/admin/admissions", "{\"userIds\":[" + buyer + "," + other + "],\"concertId\":" + concertA[0] + "}").body();
            String token = tokenOf(admitted, buyer);
            String othersToken = tokenOf(admitted, other);

            String status = http.get("/api/v1/waiting-queue/status?userId=" + buyer + "&concertId=" + concertA[0]).body();
            assertTrue(status.startsWith("{\"userId\":" + buyer + ",\"concertId\":" + concertA[0] + ",\"status\":\"ACTIVE\",\"rank\":0,\"admissionToken\":\""), status);
            assertEquals(403, reserve(server, buyer, seatsA[0], null).statusCode(), "no token");
            assertEquals(403, reserve(server, buyer, seatsA[0], token.substring(0, token.length() - 2) + "xx").statusCode(), "forged");
            assertEquals(403, reserve(server, buyer, seatsA[0], othersToken).statusCode(), "another buyer's");
            assertEquals(403, reserve(server, buyer, seatB, token).statusCode(), "another concert's seat");
            new SaleInvariants(services).assertSoldExactlyOnce(concertA[1], 0);
            assertEquals(200, reserve(server, buyer, seatsA[0], token).statusCode());

            String shortLived = tokenOf(http.post("/api/admin/admissions", "{\"userIds\":[" + buyer + "],\"ttlSeconds\":1,\"concertId\":" + concertA[0] + "}").body(), buyer);
            Thread.sleep(2_100);
            HttpResponse<String> expired = reserve(server, buyer, seatsA[1], shortLived);
            assertEquals(403, expired.statusCode(), expired.body());
            assertTrue(expired.body().contains("Expired Admission-Token"), expired.body());
        }
    }

    @Test
    void anActiveFrameCarriesTheTokenInSignedMode() throws Exception {
        try (ServerLite server = start(services.serverConfig().admission(AdmissionRule.SIGNED))) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long concert = http.setupConcert(1)[0];
            long buyer = http.createUser("watcher");
            try (SseReader stream = SseReader.open(client, URI.create(server.baseUrl() + "/api/v1/waiting-queue/subscribe?userId=" + buyer
                    + "&concertId=" + concert), Duration.ofMinutes(1))) {
                assertNotNull(stream.await("RANK_UPDATE", Duration.ofSeconds(10)));
                http.admit(buyer);
                SseReader.Frame active = stream.await("ACTIVE", Duration.ofSeconds(20));
                assertNotNull(active);
                Matcher token = TOKEN.matcher(active.data());
                assertTrue(token.find(), active.data());
                long seat = services.seatIds(services.sqlNumber("SELECT id FROM concert_option WHERE concert_id = " + concert))[0];
                assertEquals(200, reserve(server, buyer, seat, token.group(1)).statusCode());
            }
        }
    }

    @Test
    void aBuyerHoldsNoMoreSeatsOfAConcertThanTheLimit() throws Exception {
        try (ServerLite server = start(services.serverConfig().seatLimitPerConcert(2))) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long[] ids = http.setupConcert(4);
            long[] seats = services.seatIds(ids[1]);
            long greedy = http.createUser("greedy");
            assertEquals(200, http.buy("/api/reservations/v1/optimistic", greedy, seats[0]).statusCode());
            assertEquals(200, http.buy("/api/reservations/v2/pessimistic", greedy, seats[1]).statusCode());
            HttpResponse<String> third = http.buy("/api/reservations/v3/distributed-lock", greedy, seats[2]);
            assertEquals(409, third.statusCode(), third.body());
            assertTrue(third.body().contains("already holds 2 seats of this concert"), third.body());
            String accepted = http.buy("/api/reservations/v4-opt/queue-polling", greedy, seats[3]).body();
            long requestId = Long.parseLong(accepted.replaceAll(".*\"requestId\":(\\d+).*", "$1"));
            assertEquals("FAIL", awaitFinal(http, requestId));
            assertEquals(2, services.sqlNumber("SELECT count(*) FROM reservation WHERE cancelled_at IS NULL AND user_id = " + greedy));
        }
    }

    @Test
    void oneClientAddressCannotFillARoomOrHoldEveryStream() throws Exception {
        var config = services.serverConfig().joinsPerSecondPerAddress(5).trustedProxies("127.0.0.1").maxStreamsPerAddress(2);
        try (ServerLite server = start(config)) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long concert = http.setupConcert(1)[0];
            int refused = 0;
            long started = System.nanoTime();
            for (int user = 1; user <= 40; user++) {
                HttpResponse<String> join = send(server, "POST", "/api/v1/waiting-queue/join", "{\"userId\":" + user + ",\"concertId\":" + concert + "}",
                        null, "203.0.113.7");
                if (join.statusCode() == 429) {
                    refused++;
                    assertEquals("1", join.headers().firstValue("Retry-After").orElse(""));
                    assertTrue(join.body().contains("\"status\":429"), join.body());
                } else {
                    assertEquals(200, join.statusCode(), join.body());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int allowed = 40 - refused;
            assertTrue(refused > 0 && allowed <= 6 + 5 * seconds, "5 joins a second from one address: " + allowed + " let through in " + seconds + " s");
            assertEquals(200, send(server, "POST", "/api/v1/waiting-queue/join", "{\"userId\":99,\"concertId\":" + concert + "}", null,
                    "198.51.100.20").statusCode(), "another address is not held back");

            List<HttpResponse<java.io.InputStream>> streams = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) streams.add(stream(server, concert, "203.0.113.8"));
                streams.forEach(s -> assertEquals(200, s.statusCode()));
                HttpResponse<java.io.InputStream> third = stream(server, concert, "203.0.113.8");
                streams.add(third);
                assertEquals(429, third.statusCode());
            } finally {
                for (var s : streams) s.body().close();
            }
        }
    }

    @Test
    void aForwardedForThatNamesNoClientIsTakenAsTheProxyNotAnswered500() throws Exception {
        try (ServerLite server = start(services.serverConfig().trustedProxies("127.0.0.1"))) {
            long concert = new HttpCalls(server.baseUrl()).setupConcert(1)[0];
            int user = 1;
            for (String forwardedFor : List.of(",", ",,,", "203.0.113.9, ", " ")) {
                HttpResponse<String> join = send(server, "POST", "/api/v1/waiting-queue/join", "{\"userId\":" + user++ + ",\"concertId\":" + concert + "}",
                        null, forwardedFor);
                assertEquals(200, join.statusCode(), "X-Forwarded-For '" + forwardedFor + "': " + join.body());
                HttpResponse<java.io.InputStream> stream = stream(server, concert, forwardedFor);
                stream.body().close();
                assertEquals(200, stream.statusCode(), "a stream with X-Forwarded-For '" + forwardedFor + "'");
            }
        }
    }

    private HttpResponse<java.io.InputStream> stream(ServerLite server, long concert, String forwardedFor) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/waiting-queue/subscribe?userId=1&concertId=" + concert))
                .header("X-Forwarded-For", forwardedFor).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpResponse<String> reserve(ServerLite server, long buyer, long seat, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/reservations/v1/optimistic"))
                .header("Content-Type", "application/json").header("User-Id", Long.toString(buyer))
                .POST(HttpRequest.BodyPublishers.ofString(body(buyer, seat)));
        if (token != null) request.header("Admission-Token", token);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(ServerLite server, String method, String path, String json, String authorization) throws Exception {
        return send(server, method, path, json, authorization, null);
    }

    private HttpResponse<String> send(ServerLite server, String method, String path, String json, String authorization, String forwardedFor)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (authorization != null) request.header("Authorization", authorization);
        if (forwardedFor != null) request.header("X-Forwarded-For", forwardedFor);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String awaitFinal(HttpCalls http, long requestId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        String status = "";
        while (Instant.now().isBefore(deadline)) {
            status = http.get("/api/reservations/v4/status?requestId=" + requestId).body().replaceAll(".*\"status\":\"(\\w+)\".*", "$1");
            if (status.equals("SUCCESS") || status.startsWith("FAIL")) return status;
            Thread.sleep(50);
        }
        return "still " + status;
    }

    private static String tokenOf(String admitted, long user) {
        Matcher token = Pattern.compile("\"" + user + "\":\"([^\"]+)\"").matcher(admitted);
        assertTrue(token.find(), admitted);
        return token.group(1);
    }

    private static long reservationId(HttpResponse<String> sold) {
        assertEquals(200, sold.statusCode(), sold.body());
        return Long.parseLong(sold.body().replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
    }

    private static ServerLite start(ServerConfig.Builder config) {
        return new ServerLite(config.build()).start();
    }

    private static String body(long user, long seat) {
        return "{\"userId\":" + user + ",\"seatId\":" + seat + "}";
    }
}
