package dev.ticketrush.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticketrush.cli.CliFailure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small client of the public HTTP contract; every failure is one readable {@link CliFailure}. */
public final class ApiClient {

    private static final Pattern SETUP_IDS = Pattern.compile("ConcertID=(\\d+), OptionID=(\\d+)");
    private static final int ADMISSION_CHUNK = 10_000;
    /** Times a read refused with 503 is asked again: a check after a rush must not fail on a second's overload. */
    private static final int READ_RETRIES = 3;

    private final String baseUrl;
    private final String adminToken;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ApiClient(String baseUrl) {
        this(baseUrl, null);
    }

    /** @param adminToken the server's admin token, sent with every request when set (null: none) */
    public ApiClient(String baseUrl, String adminToken) {
        this.adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            URI.create(this.baseUrl).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "not a server URL: " + baseUrl);
        }
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Api.SetupResult setup(Api.Setup setup) {
        HttpResponse<String> response = send("setup", post("/api/concerts/setup", setup));
        Matcher ids = SETUP_IDS.matcher(response.body());
        if (!ids.find()) throw new ApiError(response.statusCode(), "setup", "unexpected answer: " + response.body());
        return new Api.SetupResult(Long.parseLong(ids.group(1)), Long.parseLong(ids.group(2)));
    }

    public void cleanup(long concertId) {
        send("cleanup", request("/api/concerts/cleanup/" + concertId).DELETE());
    }

    public List<Api.Concert> concerts() {
        return read("list concerts", request("/api/concerts").GET(), new TypeReference<>() { });
    }

    public List<Api.Option> options(long concertId) {
        return read("list options of concert " + concertId, request("/api/concerts/" + concertId + "/options").GET(), new TypeReference<>() { });
    }

    public List<Api.Seat> availableSeats(long optionId) {
        return read("list seats of option " + optionId, request("/api/concerts/options/" + optionId + "/seats").GET(), new TypeReference<>() { });
    }

    public Api.User createUser(String username) {
        return read("create user", post("/api/users", Map.of("username", username)), new TypeReference<>() { });
    }

    public List<Api.Reservation> reservationsOf(long userId) {
        return read("list reservations of user " + userId, request("/api/reservations/users/" + userId).GET(), new TypeReference<>() { });
    }

    /** Joins the concert's waiting room; answers {userId, concertId, status, rank}. */
    public JsonNode joinWaitingRoom(long userId, long concertId) {
        return read("join the waiting room", post("/api/v1/waiting-queue/join", Map.of("userId", userId, "concertId", concertId)), new TypeReference<>() { });
    }

    /** Every seat of the option with its live reservations: {@code GET /api/concerts/options/{id}/seat-audit}. */
    public JsonNode seatAudit(long optionId) {
        return read("audit seats of option " + optionId, request("/api/concerts/options/" + optionId + "/seat-audit").GET(), new TypeReference<>() { });
    }

    /** Every seat of the concert's options, counted from their seat audits: all of them, and those not AVAILABLE. */
    public Api.SeatCount seatCount(long concertId) {
        int seats = 0;
        int sold = 0;
        for (var option : options(concertId)) {
            for (JsonNode seat : seatAudit(option.id())) {
                seats++;
                if (!"AVAILABLE".equals(seat.path("status").asText())) sold++;
            }
        }
        return new Api.SeatCount(seats, sold);
    }

    /** Waiting count, active count, admission rate and estimated wait of the concert's waiting room. */
    public JsonNode waitingRoomOverview(long concertId) {
        return read("waiting-room overview of concert " + concertId, request("/api/v1/waiting-queue/overview?concertId=" + concertId).GET(), new TypeReference<>() { });
    }

    /** Sets the concert's waiting-room capacity and admission rate (server-lite's admin endpoint). */
    public JsonNode configureWaitingRoom(long concertId, int capacity, int admitCount, long admitIntervalMs) {
        String body = toJson(Map.of("capacity", capacity, "admitCount", admitCount, "admitIntervalMs", admitIntervalMs));
        return read("configure the waiting room of concert " + concertId, request("/api/v1/waiting-queue/config/" + concertId)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)), new TypeReference<>() { });
    }

    /** The concert's current waiting-room settings. */
    public JsonNode waitingRoomSettings(long concertId) {
        return read("read the waiting room of concert " + concertId, request("/api/v1/waiting-queue/config/" + concertId).GET(), new TypeReference<>() { });
    }

    /**
     * Admits buyers at once (server-lite's admin endpoint), in chunks the server accepts; answers each buyer's admission
     * token for the concert when the server signs admissions (none otherwise).
     */
    public Map<Long, String> admit(long[] userIds, long ttlSeconds, long concertId) {
        Map<Long, String> tokens = new java.util.HashMap<>();
        for (int from = 0; from < userIds.length; from += ADMISSION_CHUNK) {
            long[] chunk = java.util.Arrays.copyOfRange(userIds, from, Math.min(userIds.length, from + ADMISSION_CHUNK));
            JsonNode admitted = read("admit buyers", post("/api/admin/admissions", Map.of("userIds", chunk, "ttlSeconds", ttlSeconds, "concertId", concertId)),
                    new TypeReference<JsonNode>() { });
            admitted.path("tokens").properties().forEach(token -> tokens.put(Long.valueOf(token.getKey()), token.getValue().asText()));
        }
        return tokens;
    }

    /** Settled async requests of a concert's seats, by status (server-lite's addition). */
    public Map<String, Long> asyncRequests(long concertId) {
        JsonNode answer = read("count async requests of concert " + concertId, request("/api/concerts/" + concertId + "/async-requests").GET(),
                new TypeReference<JsonNode>() { });
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        answer.path("byStatus").properties().forEach(entry -> byStatus.put(entry.getKey(), entry.getValue().asLong()));
        return byStatus;
    }

    /** The status of one async request, by its id: {status, requestId}. */
    public JsonNode requestStatus(long requestId) {
        return read("read the status of request " + requestId, request("/api/reservations/v4/status?requestId=" + requestId).GET(),
                new TypeReference<>() { });
    }

    /** The faults this instance takes ({@code GET /api/admin/faults}); 404 (an {@link ApiError}) unless started with --allow-faults. */
    public List<String> faultsOffered() {
        JsonNode offered = read("ask " + baseUrl + " which faults it takes", request("/api/admin/faults").GET(), new TypeReference<JsonNode>() { });
        List<String> faults = new java.util.ArrayList<>();
        offered.path("faults").forEach(fault -> faults.add(fault.asText()));
        return faults;
    }

    /** Asks the instance to halt itself as kill -9 would (server-lite started with --allow-faults). */
    public void crash() {
        send("crash " + baseUrl, request("/api/admin/faults/crash").POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Sends any request and answers the raw response, whatever its status: for callers that count outcomes. */
    public HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        return adminToken == null ? request : request.header("Authorization", "Bearer " + adminToken);
    }

    /** A buyer's reservation: the body, its own User-Id, and its admission token where the server signs admissions (else null). */
    public HttpRequest reservation(String path, long userId, long seatId, String admissionToken) {
        HttpRequest.Builder request = post(path, Map.of("userId", userId, "seatId", seatId)).header("User-Id", Long.toString(userId));
        if (admissionToken != null && !admissionToken.isEmpty()) request.header("Admission-Token", admissionToken);
        return request.build();
    }

    /** A client of the same server without the admin token: what a buyer's browser sends. */
    public ApiClient asBuyer() {
        return adminToken == null ? this : new ApiClient(baseUrl, null);
    }

    public HttpRequest.Builder post(String path, Object body) {
        return request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(toJson(body)));
    }

    public String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private <T> T read(String what, HttpRequest.Builder request, TypeReference<T> type) {
        HttpResponse<String> response = send(what, request);
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new ApiError(response.statusCode(), what, "unreadable answer: " + e.getOriginalMessage());
        }
    }

    private HttpResponse<String> send(String what, HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response = answer(request);
        for (int retry = 0; retry < READ_RETRIES && request.method().equals("GET") && response.statusCode() == 503; retry++) {
            pause(retryAfter(response));
            response = answer(request);
        }
        if (response.statusCode() >= 400) throw new ApiError(response.statusCode(), what, errorMessage(response.body()));
        return response;
    }

    /** The answer's Retry-After in seconds, kept between 0.2 s and 5 s; 1 s when it names none. */
    public static Duration retryAfter(HttpResponse<?> answer) {
        try {
            double seconds = answer.headers().firstValue("Retry-After").map(Double::parseDouble).orElse(1.0);
            return Duration.ofMillis(Math.round(Math.clamp(seconds, 0.2, 5.0) * 1000));
        } catch (NumberFormatException dated) {
            return Duration.ofSeconds(1);
        }
    }

    private HttpResponse<String> answer(HttpRequest request) {
        try {
            return exchange(request);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new ServerUnreachable(baseUrl, "connection refused or timed out");
        } catch (HttpTimeoutException e) {
            throw new ServerUnreachable(baseUrl, "no answer within the timeout");
        } catch (IOException e) {
            throw new ServerUnreachable(baseUrl, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachable(baseUrl, "interrupted");
        }
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachable(baseUrl, "interrupted");
        }
    }

    private String errorMessage(String body) {
        try {
            JsonNode error = json.readTree(body);
            return error.hasNonNull("message") ? error.get("message").asText() : body;
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
