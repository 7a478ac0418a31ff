package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitingRoomCommandsTest extends ServerTest {

    private final SaleInvariants invariants;

    WaitingRoomCommandsTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    @ParameterizedTest
    @ValueSource(strings = {"optimistic", "async-optimistic", "async-pessimistic"})
    void buyersThroughAFullWaitingRoomAreAdmittedAndSellEachSeatOnce(String strategy) throws Exception {
        long[] ids = http.setupConcert(20);
        CliRun run = CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]),
                "--users", "60", "--via-queue", "--queue-capacity", "20", "--admit-rate", "20/s", "--strategy", strategy,
                "--pattern", "random", "--json");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertEquals(20, summary.path("buyers").path("sold").asInt(), run.out());
        assertEquals(0, summary.path("requests").path("errors").asInt(), run.out());
        assertTrue(summary.path("queue").path("rejectedJoins").asInt() > 0, "a room of 20 admitting 20/s turns some of 60 buyers arriving at once away: " + run.out());
        assertTrue(summary.path("queue").path("waitMs").path("p99").asDouble() > 0, run.out());
        invariants.assertSoldExactlyOnce(ids[1], 20);
        try (var jedis = services.jedis()) {
            assertEquals(0, jedis.zcard("waiting-queue:" + ids[0]), "everyone left the queue");
        }
        CliRun status = CliRun.of("status", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]), "--json");
        assertEquals(0, status.exitCode(), status.err());
        JsonNode counts = new ObjectMapper().readTree(status.out());
        assertEquals(20, counts.path("sold").asInt());
        assertEquals(0, counts.path("waiting").asInt());
        if (strategy.startsWith("async")) {
            JsonNode requests = counts.path("asyncRequests");
            assertEquals(20, requests.path("SUCCESS").asInt(), status.out());
            assertEquals(summary.path("requests").path("total").asInt(), requests.path("SUCCESS").asInt() + requests.path("FAIL_ALREADY_RESERVED").asInt()
                    + requests.path("FAIL_OPTIMISTIC_CONFLICT").asInt() + requests.path("FAIL").asInt(), "every request settled in the tables: " + status.out());
        }
    }

    @Test
    void watchFollowsABuyerFromItsRankToActiveAndExits0() throws Exception {
        long concert = http.setupConcert(1)[0];
        http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":1,\"admitIntervalMs\":400}");
        long[] ahead = services.createUsers(3);
        for (long user : ahead) http.post("/api/v1/waiting-queue/join", "{\"userId\":" + user + ",\"concertId\":" + concert + "}");
        long watched = http.createUser("watched");
        CliRun run = CliRun.of("watch", "--server", server.baseUrl(), "--concert", Long.toString(concert), "--user", Long.toString(watched),
                "--join", "--give-up-after", "30");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.contains("JOIN") && line.contains("\"status\":\"WAITING\"")), run.out());
        assertTrue(run.out().contains("INIT"), run.out());
        java.util.List<Integer> ranks = run.out().lines().filter(line -> line.contains("RANK_UPDATE") && line.contains("rank "))
                .map(line -> Integer.parseInt(line.replaceAll(".*rank (\\d+).*", "$1"))).toList();
        assertTrue(!ranks.isEmpty() && ranks.getFirst() <= 4, run.out());
        for (int i = 1; i < ranks.size(); i++) assertEquals(ranks.get(i - 1) - 1, ranks.get(i), "told of every admission ahead, one by one: " + ranks);
        assertTrue(run.out().lines().filter(line -> line.contains("RANK_UPDATE") && line.contains("WAITING")).allMatch(line -> line.matches(".*about \\d+ s to wait.*")),
                "every line of a waiting buyer tells the estimated wait: " + run.out());
        assertTrue(run.out().strip().lines().reduce((a, b) -> b).orElse("").contains("ACTIVE"), run.out());
    }

    @Test
    void watchOfAnUnknownConcertOrABuyerNotInLineGivesUpAtOnceWithOneLine() throws Exception {
        CliRun unknown = CliRun.of("watch", "--server", server.baseUrl(), "--concert", "987654321", "--user", "1");
        assertEquals(2, unknown.exitCode(), unknown.out() + unknown.err());
        CliUsageTest.assertOneLineWithoutStackTrace(unknown.err());
        assertTrue(unknown.err().contains("concert 987654321 does not exist"), unknown.err());
        long concert = http.setupConcert(1)[0];
        long stranger = http.createUser("stranger");
        CliRun notInLine = CliRun.of("watch", "--server", server.baseUrl(), "--concert", Long.toString(concert), "--user", Long.toString(stranger));
        assertEquals(2, notInLine.exitCode(), notInLine.out() + notInLine.err());
        assertTrue(notInLine.err().contains("is not in the line"), notInLine.err());
    }

    @Test
    void watchGivesUpWithExitCode1AndAnUnreachableServerWithOneLine() throws Exception {
        long concert = http.setupConcert(1)[0];
        http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":1,\"admitIntervalMs\":3600000}");
        long[] ahead = services.createUsers(2);
        for (long user : ahead) http.post("/api/v1/waiting-queue/join", "{\"userId\":" + user + ",\"concertId\":" + concert + "}");
        CliRun patient = CliRun.of("watch", "--server", server.baseUrl(), "--concert", Long.toString(concert), "--user", Long.toString(ahead[1]),
                "--give-up-after", "2");
        assertEquals(1, patient.exitCode(), patient.out());
        CliRun unreachable = CliRun.of("watch", "--server", "http://127.0.0.1:1", "--concert", "1", "--user", "1", "--join");
        assertEquals(2, unreachable.exitCode());
        CliUsageTest.assertOneLineWithoutStackTrace(unreachable.err());
    }

    @Test
    void watchWithoutAUserShowsTheWholeRoomLikeTop() throws Exception {
        long[] ids = http.setupConcert(3);
        http.put("/api/v1/waiting-queue/config/" + ids[0], "{\"capacity\":100,\"admitCount\":1,\"admitIntervalMs\":3600000}");
        for (long user : services.createUsers(4)) http.post("/api/v1/waiting-queue/join", "{\"userId\":" + user + ",\"concertId\":" + ids[0] + "}");
        CliRun run = CliRun.of("watch", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]), "--for", "2");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().lines().count() >= 2, "a view a second: " + run.out());
        for (String part : List.of("waiting", "active", "admitted/s", "sold", "/ 3", "last in line", "about ")) assertTrue(run.out().contains(part), run.out());
        assertTrue(run.out().matches("(?s).*waiting +[34]\\b.*"), "three or four wait behind the one admitted at once: " + run.out());

        CliRun unknown = CliRun.of("watch", "--server", server.baseUrl(), "--concert", "987654321", "--for", "2");
        assertEquals(2, unknown.exitCode(), unknown.out());
        CliUsageTest.assertOneLineWithoutStackTrace(unknown.err());
        assertTrue(unknown.err().contains("concert 987654321 does not exist"), unknown.err());
        CliRun unreachable = CliRun.of("watch", "--server", "http://127.0.0.1:1", "--concert", "1", "--every", "1");
        assertEquals(2, unreachable.exitCode());
        CliUsageTest.assertOneLineWithoutStackTrace(unreachable.err());
    }

    @Test
    void theContractSuitePassesAgainstServerLite() {
        CliRun run = CliRun.of("suite", "--server", server.baseUrl());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("10 of 10 checks passed"), run.out());
    }
}
