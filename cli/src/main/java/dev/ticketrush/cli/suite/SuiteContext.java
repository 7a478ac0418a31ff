package dev.ticketrush.cli.suite;

import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.client.SseReader;

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

/** What every check may use: the HTTP contract, server-lite's additions where the server has them, and fresh data it cleans up. */
final class SuiteContext implements AutoCloseable {

    static final Pattern ERROR_BODY = Pattern.compile(
            "\\{\"timestamp\":\"[^\"]+\",\"status\":(\\d{3}),\"error\":\"[^\"]*\",\"message\":\"(?:[^\"\\\\]|\\\\.)*\",\"path\":\"[^\"]*\"}");

    final ApiClient api;
    private final java.net.http.HttpClient streams = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
    private final List<Long> concerts = new ArrayList<>();

    SuiteContext(ApiClient api) {
        this.api = api;
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

    HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return api.exchange(api.request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Sets the concert's waiting room where the server can (server-lite's addition); false on a server without it. */
    boolean configureRoom(long concert, int capacity, int admitCount, long intervalMs) throws IOException, InterruptedException {
        return put("/api/v1/waiting-queue/config/" + concert,
                "{\"capacity\":" + capacity + ",\"admitCount\":" + admitCount + ",\"admitIntervalMs\":" + intervalMs + "}").statusCode() == 200;
    }

    /** Admits a buyer where the server can (server-lite's addition); false on a server without it. */
    boolean admit(long user, int ttlSeconds) throws IOException, InterruptedException {
        return admission(user, ttlSeconds, null) != null;
    }

    /**
     * A reservation as each server wants it: on server-lite the buyer is admitted first and acts for itself with its
     * User-Id (and its admission token where the server signs them); on the original, as its scripts did, without a header.
     */
    HttpResponse<String> reserve(String path, long user, long seat, long concert) throws IOException, InterruptedException {
        String token = admission(user, 60, concert);
        if (token == null) return post(path, reservationBody(user, seat), null);
        HttpRequest.Builder request = api.request(path).header("Content-Type", "application/json").header("User-Id", Long.toString(user))
                .POST(HttpRequest.BodyPublishers.ofString(reservationBody(user, seat)));
        if (!token.isEmpty()) request.header("Admission-Token", token);
        return api.exchange(request.build());
    }

    /** The buyer's admission token for the concert ("" where none is signed), or null on a server without direct admissions. */
    private String admission(long user, int ttlSeconds, Long concert) throws IOException, InterruptedException {
        HttpResponse<String> admitted = post("/api/admin/admissions", "{\"userIds\":[" + user + "],\"ttlSeconds\":" + ttlSeconds
                + (concert == null ? "" : ",\"concertId\":" + concert) + "}", null);
        if (admitted.statusCode() == 404 || admitted.statusCode() == 405) return null;
        expectStatus(admitted, 200);
        Matcher token = Pattern.compile("\"" + user + "\":\"([^\"]+)\"").matcher(admitted.body());
        return token.find() ? token.group(1) : "";
    }

    SseReader subscribe(String path) throws IOException, InterruptedException {
        try {
            return SseReader.open(streams, java.net.URI.create(api.baseUrl() + path), java.time.Duration.ofMinutes(1));
        } catch (SseReader.Refused refused) {
            throw new CheckFailed(refused.getMessage());
        }
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
