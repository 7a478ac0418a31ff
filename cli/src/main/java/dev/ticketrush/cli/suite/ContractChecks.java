package dev.ticketrush.cli.suite;

import dev.ticketrush.cli.api.Api;
import dev.ticketrush.client.SseReader;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ticketrush.cli.suite.CheckFailed.expect;
import static dev.ticketrush.cli.suite.SuiteContext.clip;
import static dev.ticketrush.cli.suite.SuiteContext.expectErrorBody;
import static dev.ticketrush.cli.suite.SuiteContext.expectStatus;
import static dev.ticketrush.cli.suite.SuiteContext.reservationBody;

/**
 * The scripted regression: one check per contract step, each on fresh data, through the HTTP API alone. Where
 * server-lite's additions (room settings, direct admissions) make a check fast and exact, it uses them; on a server
 * without them it checks what the contract alone allows. Fields a server appends after the contract's are accepted.
 */
final class ContractChecks {

    private static final Pattern RESERVATION = Pattern.compile("\\{\"id\":\\d+,\"userId\":(\\d+),\"seatId\":(\\d+),\"reservationTime\":\"[^\"]+\"}");
    private static final Pattern QUEUE_ENTRY = Pattern.compile("\\{\"userId\":(\\d+),\"concertId\":(\\d+),\"status\":\"(\\w+)\",\"rank\":(-?\\d+)}");
    private static final Pattern RANK_EVENT = Pattern.compile(
            "\\{\"userId\":(\\d+),\"concertId\":(\\d+),\"status\":\"(\\w+)\",\"rank\":(-?\\d+),\"activeTtlSeconds\":(-?\\d+),"
                    + "\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\"(,\"\\w+\":[^,}]+)*}");
    private static final Duration ASYNC_LIMIT = Duration.ofSeconds(30);
    private static final Duration ADMISSION_LIMIT = Duration.ofSeconds(25);
    private static final long QUIET = 3_600_000;

    List<ContractCheck> all() {
        return List.of(
                new ContractCheck("v1", "optimistic sale once, second buyer 409", c -> syncSaleOnce(c, "/api/reservations/v1/optimistic")),
                new ContractCheck("v2", "pessimistic sale once, second buyer 409", c -> syncSaleOnce(c, "/api/reservations/v2/pessimistic")),
                new ContractCheck("v3", "distributed-lock sale once, second buyer 409", c -> syncSaleOnce(c, "/api/reservations/v3/distributed-lock")),
                new ContractCheck("v4", "async optimistic: 202, then SUCCESS", c -> asyncToSuccess(c, "/api/reservations/v4-opt/queue-polling", "OPTIMISTIC")),
                new ContractCheck("v4", "async pessimistic: 202, then SUCCESS", c -> asyncToSuccess(c, "/api/reservations/v4-pes/queue-polling", "PESSIMISTIC")),
                new ContractCheck("v5", "async result pushed as RESERVATION_STATUS", ContractChecks::asyncResultPushed),
                new ContractCheck("v5", "join and status: ranks, repeated join keeps its place", ContractChecks::joinAndStatus),
                new ContractCheck("v6", "User-Id without admission is 403", ContractChecks::notAdmittedIsForbidden),
                new ContractCheck("v6", "a full queue answers REJECTED", ContractChecks::fullQueueRejects),
                new ContractCheck("v7", "SSE from INIT to ACTIVE", ContractChecks::sseFromInitToActive));
    }

    private static void syncSaleOnce(SuiteContext c, String path) throws Exception {
        Api.SetupResult concert = c.freshConcert(1);
        long seat = c.firstSeat(concert.optionId());
        long first = c.newUser("suite-first");
        HttpResponse<String> sold = c.reserve(path, first, seat, concert.concertId());
        expectStatus(sold, 200);
        var body = RESERVATION.matcher(sold.body());
        expect(body.matches() && Long.parseLong(body.group(1)) == first && Long.parseLong(body.group(2)) == seat,
                "not {id, userId, seatId, reservationTime}: " + clip(sold.body()));
        expectErrorBody(c.reserve(path, c.newUser("suite-second"), seat, concert.concertId()), 409);
        expect(c.api.availableSeats(concert.optionId()).isEmpty(), "the sold seat is still listed AVAILABLE");
        expect(c.api.reservationsOf(first).size() == 1, "the buyer's reservations do not list the sale");
    }

    private static void notAdmittedIsForbidden(SuiteContext c) throws Exception {
        Api.SetupResult concert = c.freshConcert(1);
        long seat = c.firstSeat(concert.optionId());
        long user = c.newUser("suite-waiting");
        expectErrorBody(c.post("/api/reservations/v1/optimistic", reservationBody(user, seat), user), 403);
        expect(c.api.availableSeats(concert.optionId()).size() == 1, "a refused request changed the seats");
        if (!c.admit(user, 60)) return;
        expectStatus(c.reserve("/api/reservations/v1/optimistic", user, seat, concert.concertId()), 200);
    }

    private static void asyncToSuccess(SuiteContext c, String path, String strategy) throws Exception {
        Api.SetupResult concert = c.freshConcert(1);
        long seat = c.firstSeat(concert.optionId());
        long user = c.newUser("suite-async");
        HttpResponse<String> accepted = c.reserve(path, user, seat, concert.concertId());
        expectStatus(accepted, 202);
        expect(accepted.body().matches("\\{\"message\":\"Reservation request enqueued\",\"strategy\":\"" + strategy + "\"(,\"\\w+\":[^,}]+)*}"),
                "202 body differs: " + clip(accepted.body()));
        String status = awaitFinalStatus(c, user, seat);
        expect("SUCCESS".equals(status), "async request ended " + status);
        expect(c.api.availableSeats(concert.optionId()).isEmpty(), "the async sale left the seat AVAILABLE");
        String unknown = c.get("/api/reservations/v4/status?userId=" + user + "&seatId=" + (seat + 1_000_000_000L)).body();
        expect(unknown.equals("{\"status\":\"NOT_FOUND\"}"), "an unknown request is not NOT_FOUND: " + clip(unknown));
    }

    private static String awaitFinalStatus(SuiteContext c, long user, long seat) throws Exception {
        long deadline = System.nanoTime() + ASYNC_LIMIT.toNanos();
        String status = "NOT_FOUND";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> polled = c.get("/api/reservations/v4/status?userId=" + user + "&seatId=" + seat);
            expectStatus(polled, 200);
            status = polled.body().replaceAll(".*\"status\":\"(\\w+)\".*", "$1");
            if (status.equals("SUCCESS") || status.startsWith("FAIL")) return status;
            Thread.sleep(100);
        }
        throw new CheckFailed("still " + status + " after " + ASYNC_LIMIT.toSeconds() + " s");
    }

    private static void asyncResultPushed(SuiteContext c) throws Exception {
        Api.SetupResult concert = c.freshConcert(1);
        long seat = c.firstSeat(concert.optionId());
        long user = c.newUser("suite-sse");
        // a fresh buyer and seat: subscribing by pair before the request cannot read an earlier request's outcome
        try (SseReader stream = c.subscribe("/api/reservations/v5/subscribe?userId=" + user + "&seatId=" + seat)) {
            expectStatus(c.reserve("/api/reservations/v5-opt/queue-sse", user, seat, concert.concertId()), 202);
            long deadline = System.nanoTime() + ASYNC_LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                SseReader.Frame frame = stream.await("RESERVATION_STATUS", Duration.ofNanos(deadline - System.nanoTime()));
                expect(frame != null, "no RESERVATION_STATUS event within " + ASYNC_LIMIT.toSeconds() + " s");
                expect(frame.lines().getFirst().equals("event:RESERVATION_STATUS"), "frame not written as event:NAME: " + frame.lines());
                if (frame.data().equals("SUCCESS")) return;
                expect(!frame.data().startsWith("FAIL"), "pushed " + frame.data());
            }
            throw new CheckFailed("no SUCCESS pushed within " + ASYNC_LIMIT.toSeconds() + " s");
        }
    }

    private static void joinAndStatus(SuiteContext c) throws Exception {
        long concert = c.freshConcert(1).concertId();
        c.configureRoom(concert, 100, 1, QUIET);
        long first = c.newUser("suite-first-in-line");
        long second = c.newUser("suite-second-in-line");
        int firstRank = expectQueueEntry(c.post("/api/v1/waiting-queue/join", join(first, concert), null), first, concert, "WAITING");
        int secondRank = expectQueueEntry(c.post("/api/v1/waiting-queue/join", join(second, concert), null), second, concert, "WAITING");
        expect(firstRank >= 1 && secondRank == firstRank + 1, "ranks " + firstRank + " then " + secondRank + ": not one behind the other");
        int again = expectQueueEntry(c.post("/api/v1/waiting-queue/join", join(first, concert), null), first, concert, "WAITING");
        expect(again == firstRank, "a repeated join moved the buyer from " + firstRank + " to " + again);
        int polled = expectQueueEntry(c.get("/api/v1/waiting-queue/status?userId=" + second + "&concertId=" + concert), second, concert, "WAITING");
        expect(polled == secondRank, "status rank " + polled + " is not the joined rank " + secondRank);
        long stranger = c.newUser("suite-stranger");
        int none = expectQueueEntry(c.get("/api/v1/waiting-queue/status?userId=" + stranger + "&concertId=" + concert), stranger, concert, "NONE");
        expect(none == -1, "NONE with rank " + none + ", not -1");
    }

    private static void fullQueueRejects(SuiteContext c) throws Exception {
        long concert = c.freshConcert(1).concertId();
        c.configureRoom(concert, 3, 1, QUIET);
        // joins until the room is full: three where its size can be set, the contract's hundred elsewhere
        for (int joined = 0; joined < 300; joined++) {
            long user = c.newUser("suite-joiner");
            HttpResponse<String> answer = c.post("/api/v1/waiting-queue/join", join(user, concert), null);
            expectStatus(answer, 200);
            Matcher entry = QUEUE_ENTRY.matcher(answer.body());
            expect(entry.matches(), "not {userId, concertId, status, rank}: " + clip(answer.body()));
            if (!entry.group(3).equals("REJECTED")) continue;
            expect(entry.group(4).equals("-1"), "REJECTED with rank " + entry.group(4) + ", not -1");
            int after = expectQueueEntry(c.get("/api/v1/waiting-queue/status?userId=" + user + "&concertId=" + concert), user, concert, "NONE");
            expect(after == -1, "a REJECTED buyer was put in line at " + after);
            return;
        }
        throw new CheckFailed("300 joins and none REJECTED");
    }

    private static void sseFromInitToActive(SuiteContext c) throws Exception {
        long concert = c.freshConcert(1).concertId();
        c.configureRoom(concert, 100, 1, 1_000);
        long user = c.newUser("suite-subscriber");
        expectStatus(c.post("/api/v1/waiting-queue/join", join(user, concert), null), 200);
        try (SseReader stream = c.subscribe("/api/v1/waiting-queue/subscribe?userId=" + user + "&concertId=" + concert)) {
            SseReader.Frame init = stream.next(Duration.ofSeconds(5));
            expect(init != null, "no INIT frame within 5 s");
            expect(init.lines().equals(List.of("event:INIT", "data:Connected for Queue: " + concert)), "INIT frame differs: " + init.lines());
            SseReader.Frame state = stream.next(Duration.ofSeconds(5));
            expect(state != null && ("RANK_UPDATE".equals(state.event()) || "ACTIVE".equals(state.event())), "no current state after INIT");
            expectRankEvent(state, user, concert);
            SseReader.Frame active = "ACTIVE".equals(state.event()) ? state : stream.await("ACTIVE", ADMISSION_LIMIT);
            expect(active != null, "not ACTIVE within " + ADMISSION_LIMIT.toSeconds() + " s");
            var fields = expectRankEvent(active, user, concert);
            expect(fields.group(3).equals("ACTIVE") && fields.group(4).equals("0") && Long.parseLong(fields.group(5)) > 0,
                    "ACTIVE frame is not status ACTIVE, rank 0, a positive TTL: " + active.data());
        }
    }

    private static Matcher expectRankEvent(SseReader.Frame frame, long user, long concert) {
        expect(frame.lines().getFirst().equals("event:" + frame.event()) && frame.lines().get(1).startsWith("data:{"),
                "frame not written as event:NAME / data:...: " + frame.lines());
        var fields = RANK_EVENT.matcher(frame.data());
        expect(fields.matches() && Long.parseLong(fields.group(1)) == user && Long.parseLong(fields.group(2)) == concert,
                "not {userId, concertId, status, rank, activeTtlSeconds, timestamp}: " + clip(frame.data()));
        return fields;
    }

    /** Checks the shape, the buyer and the status of a queue answer, and answers its rank. */
    private static int expectQueueEntry(HttpResponse<String> response, long user, long concert, String status) {
        expectStatus(response, 200);
        var entry = QUEUE_ENTRY.matcher(response.body());
        expect(entry.matches(), "not {userId, concertId, status, rank}: " + clip(response.body()));
        expect(Long.parseLong(entry.group(1)) == user && Long.parseLong(entry.group(2)) == concert && entry.group(3).equals(status),
                "expected " + status + ", got " + clip(response.body()));
        return Integer.parseInt(entry.group(4));
    }

    private static String join(long user, long concert) {
        return "{\"userId\":" + user + ",\"concertId\":" + concert + "}";
    }
}
