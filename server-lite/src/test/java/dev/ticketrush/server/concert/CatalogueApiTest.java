package dev.ticketrush.server.concert;

import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogueApiTest extends ServerTest {

    private static final Pattern ERROR_BODY = Pattern.compile(
            "\\{\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\",\"status\":(\\d{3}),\"error\":\"[^\"]+\",\"message\":\"(?:[^\"\\\\]|\\\\.)*\",\"path\":\"[^\"]+\"}");

    CatalogueApiTest(TestServices services) {
        super(services);
    }

    @Test
    void setupAnswersPlainTextWithTheNewIds() {
        HttpResponse<String> response = http.post("/api/concerts/setup",
                "{\"title\":\"IU Golden Hour\",\"artistName\":\"IU\",\"agencyName\":\"EDAM\",\"concertDate\":\"2026-02-15T19:00:00\",\"seatCount\":3}");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(response.body().matches("Setup completed: ConcertID=\\d+, OptionID=\\d+"), response.body());
    }

    @Test
    void availableSeatsListsExactlySeatCountSeatsInContractShape() {
        long optionId = http.setupConcert(50)[1];
        HttpResponse<String> response = http.get("/api/concerts/options/" + optionId + "/seats");
        assertEquals(200, response.statusCode());
        Matcher seat = Pattern.compile("\\{\"id\":(\\d+),\"seatNumber\":\"A-(\\d+)\",\"status\":\"AVAILABLE\"}").matcher(response.body());
        long previousId = 0;
        int count = 0;
        while (seat.find()) {
            count++;
            assertTrue(Long.parseLong(seat.group(1)) > previousId, "ascending ids");
            previousId = Long.parseLong(seat.group(1));
            assertEquals(count, Integer.parseInt(seat.group(2)), "seat numbers A-1..A-n in order");
        }
        assertEquals(50, count, response.body());
    }

    @Test
    void concertsAreListedInAscendingIdOrderWithContractFields() {
        long first = http.setupConcert(1)[0];
        long second = http.setupConcert(1)[0];
        String body = http.get("/api/concerts").body();
        assertTrue(body.contains("{\"id\":" + first + ",\"title\":\"Test Night\",\"artistName\":\"The Testers\"}"), body);
        assertTrue(body.indexOf("\"id\":" + first + ",") < body.indexOf("\"id\":" + second + ","), body);
    }

    @Test
    void optionsOfAConcertCarryTheDateWithSeconds() {
        long concertId = http.setupConcert(1)[0];
        HttpResponse<String> response = http.get("/api/concerts/" + concertId + "/options");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().matches("\\[\\{\"id\":\\d+,\"concertDate\":\"2026-12-31T20:00:00\"}]"), response.body());
    }

    @Test
    void cleanupRemovesConcertOptionsAndSeats() throws SQLException {
        long[] ids = http.setupConcert(10);
        HttpResponse<String> response = http.delete("/api/concerts/cleanup/" + ids[0]);
        assertEquals(200, response.statusCode());
        assertEquals("Cleanup completed for ConcertID: " + ids[0], response.body());
        assertEquals(0, sqlNumber("SELECT count(*) FROM seat WHERE concert_option_id = " + ids[1]));
        assertError(http.get("/api/concerts/" + ids[0] + "/options"), 404);
        assertError(http.delete("/api/concerts/cleanup/" + ids[0]), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"title\":\"x\",\"artistName\":\"y\",\"concertDate\":\"2026-01-01T20:00:00\",\"seatCount\":0}",
            "{\"title\":\"x\",\"artistName\":\"y\",\"concertDate\":\"2026-01-01T20:00:00\",\"seatCount\":-5}",
            "{\"title\":\"x\",\"artistName\":\"y\",\"concertDate\":\"2026-01-01T20:00:00\",\"seatCount\":1000001}",
            "{\"title\":\"x\",\"artistName\":\"y\",\"concertDate\":\"2026-01-01T20:00:00\",\"seatCount\":99999999999}",
            "{\"title\":\"x\",\"artistName\":\"y\",\"concertDate\":\"2026-01-01T20:00:00\",\"seatCount\":\"many\"}",
            "{\"artistName\":\"y\",\"concertDate\":\"2026-01-01T20:00:00\",\"seatCount\":5}",
            "{\"title\":\"  \",\"artistName\":\"y\",\"concertDate\":\"2026-01-01T20:00:00\",\"seatCount\":5}",
            "{\"title\":\"x\",\"concertDate\":\"2026-01-01T20:00:00\",\"seatCount\":5}",
            "{\"title\":\"x\",\"artistName\":\"y\",\"seatCount\":5}",
            "{\"title\":\"x\",\"artistName\":\"y\",\"concertDate\":\"tomorrow\",\"seatCount\":5}",
            "{\"title\":\"x\",\"artistName\":\"y\",\"concertDate\":\"2026-01-01T20:00:00\"}",
            "{\"title\":\"x\",",
            "[1,2,3]",
            "null",
            ""})
    void badSetupIsRefusedWith400AndWritesNothing(String body) throws SQLException {
        long concertsBefore = sqlNumber("SELECT count(*) FROM concert");
        assertError(http.post("/api/concerts/setup", body), 400);
        assertEquals(concertsBefore, sqlNumber("SELECT count(*) FROM concert"));
    }

    @Test
    void unknownIdsAre404AndMalformedIdsAre400() {
        assertError(http.get("/api/concerts/987654321/options"), 404);
        assertError(http.get("/api/concerts/options/987654321/seats"), 404);
        assertError(http.get("/api/concerts/options/abc/seats"), 400);
        assertError(http.get("/api/concerts/-3/options"), 400);
        assertError(http.delete("/api/concerts/cleanup/987654321"), 404);
        assertError(http.get("/api/no/such/endpoint"), 404);
    }

    @Test
    void aDateInTheLastInstantOf9999StaysIn9999() {
        String setup = http.post("/api/concerts/setup",
                "{\"title\":\"x\",\"artistName\":\"y\",\"concertDate\":\"9999-12-31T23:59:59.999999999\",\"seatCount\":1}").body();
        long concertId = Long.parseLong(setup.replaceAll(".*ConcertID=(\\d+),.*", "$1"));
        String options = http.get("/api/concerts/" + concertId + "/options").body();
        assertTrue(options.contains("\"concertDate\":\"9999-12-31T23:59:59\""), "cut to what PostgreSQL keeps, not rounded into 10000: " + options);
    }

    @Test
    void auditsBeyondWhatTheInstanceRunsAtOnceAreRefusedWith503NotRunOutOfMemory() throws Exception {
        long optionId = http.setupConcert(100_000)[1];
        String path = "/api/concerts/options/" + optionId + "/seat-audit";
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 3 * ConcertRoutes.AUDITS_AT_ONCE; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(120, TimeUnit.SECONDS);
            if (response.statusCode() == 503) {
                refused++;
                assertError(response, 503);
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
            } else {
                assertEquals(200, response.statusCode(), response.body().substring(0, Math.min(300, response.body().length())));
                assertEquals(100_000, Pattern.compile("\"seatId\":").matcher(response.body()).results().count(), "every seat audited");
            }
        }
        assertTrue(refused > 0, "six audits of 100,000 seats sent at once: some were refused");
    }

    @Test
    void healthReportsEveryDependencyUp() {
        HttpResponse<String> response = http.get("/health");
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\",\"dependencies\":{\"postgres\":\"UP\",\"redis\":\"UP\",\"kafka\":\"UP\"}}", response.body());
    }

    static void assertError(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        Matcher body = ERROR_BODY.matcher(response.body());
        assertTrue(body.matches(), "contract error body: " + response.body());
        assertEquals(status, Integer.parseInt(body.group(1)));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }
}
