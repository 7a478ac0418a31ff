package dev.ticketrush.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP calls against a running server, as a client script of the contract makes them. */
public final class HttpCalls {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public HttpCalls(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    public HttpResponse<String> deleteAs(long userId, String path) {
        return send(request(path).header("User-Id", Long.toString(userId)).DELETE());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> postAs(long userId, String path, String json) {
        return send(request(path).header("Content-Type", "application/json").header("User-Id", Long.toString(userId))
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Admits buyers through the server's admin endpoint, so their reservations with User-Id pass the admission check. */
    public void admit(long... userIds) {
        String ids = java.util.Arrays.stream(userIds).mapToObj(Long::toString).reduce((a, b) -> a + "," + b).orElse("");
        HttpResponse<String> response = post("/api/admin/admissions", "{\"userIds\":[" + ids + "]}");
        if (response.statusCode() != 200) throw new IllegalStateException("admission failed: " + response.body());
    }

    /** A reservation as a well-behaved client makes it: the buyer admitted, then acting for itself with its User-Id. */
    public HttpResponse<String> buy(String path, long userId, long seatId) {
        admit(userId);
        return postAs(userId, path, "{\"userId\":" + userId + ",\"seatId\":" + seatId + "}");
    }

    /** Sets up a concert and answers {concertId, optionId}. */
    public long[] setupConcert(int seats) {
        return setupConcertAs(null, seats);
    }

    /** Sets up a concert with the server's admin token (null when it has none) and answers {concertId, optionId}. */
    public long[] setupConcertAs(String adminToken, int seats) {
        HttpRequest.Builder setup = request("/api/concerts/setup").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"title\":\"Test Night\",\"artistName\":\"The Testers\",\"agencyName\":\"QA\",\"concertDate\":\"2026-12-31T20:00:00\",\"seatCount\":" + seats + "}"));
        if (adminToken != null) setup.header("Authorization", "Bearer " + adminToken);
        HttpResponse<String> response = send(setup);
        Matcher ids = Pattern.compile("ConcertID=(\\d+), OptionID=(\\d+)").matcher(response.body());
        if (response.statusCode() != 200 || !ids.find()) throw new IllegalStateException("setup failed: " + response.body());
        return new long[] {Long.parseLong(ids.group(1)), Long.parseLong(ids.group(2))};
    }

    public long createUser(String name) {
        HttpResponse<String> response = post("/api/users", "{\"username\":\"" + name + "\"}");
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(response.body());
        if (response.statusCode() != 200 || !id.find()) throw new IllegalStateException("user creation failed: " + response.body());
        return Long.parseLong(id.group(1));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
