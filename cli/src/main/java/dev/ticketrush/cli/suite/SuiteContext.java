package dev.ticketrush.cli.suite;

import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;
import redis.clients.jedis.JedisPooled;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ticketrush.cli.suite.CheckFailed.expect;

/** What every check may use: the HTTP contract, the Redis keys the contract names, and fresh data it cleans up. */
final class SuiteContext implements AutoCloseable {

    static final Pattern ERROR_BODY = Pattern.compile(
            "\\{\"timestamp\":\"[^\"]+\",\"status\":(\\d{3}),\"error\":\"[^\"]*\",\"message\":\"(?:[^\"\\\\]|\\\\.)*\",\"path\":\"[^\"]*\"}");

    final ApiClient api;
    final JedisPooled redis;
    private final List<Long> concerts = new ArrayList<>();

    SuiteContext(ApiClient api, JedisPooled redis) {
        this.api = api;
        this.redis = redis;
    }

    /** A concert of its own for one check; removed when the suite ends. */
    Api.SetupResult freshConcert(int seats) {
        String date = LocalDateTime.now().plusDays(7).truncatedTo(ChronoUnit.HOURS) + ":00";
        Api.SetupResult concert = api.setup(new Api.Setup("suite", "suite", "suite", date, seats));
        concerts.add(concert.concertId());
        return concert;
    }

    long firstSeat(long optionId) {
        List<Api.Seat> seats = api.availableSeats(optionId);
        expect(!seats.isEmpty(), "a fresh option has no AVAILABLE seats");
        return seats.getFirst().id();
    }

    long newUser(String name) {
        return api.createUser(name).id();
    }

    HttpResponse<String> post(String path, String json, Long userIdHeader) throws IOException, InterruptedException {
        HttpRequest.Builder request = api.request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (userIdHeader != null) request.header("User-Id", userIdHeader.toString());
        return api.exchange(request.build());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return api.exchange(api.request(path).GET().build());
    }

    static String reservationBody(long userId, long seatId) {
        return "{\"userId\":" + userId + ",\"seatId\":" + seatId + "}";
    }

    static void expectStatus(HttpResponse<String> response, int status) {
        expect(response.statusCode() == status, "expected HTTP " + status + ", got " + response.statusCode() + ": " + clip(response.body()));
    }

    static void expectErrorBody(HttpResponse<String> response, int status) {
        expectStatus(response, status);
        Matcher body = ERROR_BODY.matcher(response.body());
        expect(body.matches() && Integer.parseInt(body.group(1)) == status, "not the contract error body: " + clip(response.body()));
    }

    static String clip(String text) {
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }

    @Override
    public void close() {
        for (long concert : concerts) {
            try {
                api.cleanup(concert);
            } catch (RuntimeException ignored) {
                // a failed cleanup must not hide the verdicts
            }
        }
    }
}
