package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.ServerLite;
import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(TestServices.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RushCommandTest {

    private final TestServices services;
    private final SaleInvariants invariants;
    private ServerLite server;
    private ServerLite secondServer;

    RushCommandTest(TestServices services) {
        this.services = services;
        this.invariants = new SaleInvariants(services);
    }

    @BeforeAll
    void startServers() {
        server = new ServerLite(services.serverConfig().build()).start();
        secondServer = new ServerLite(services.serverConfig().build()).start();
    }

    @AfterAll
    void stopServers() {
        server.close();
        secondServer.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"optimistic", "pessimistic", "distributed"})
    void everyStrategySellsEachSeatExactlyOnceUnderAHotRush(String strategy) throws Exception {
        long[] ids = new HttpCalls(server.baseUrl()).setupConcert(30);
        CliRun run = CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]),
                "--users", "300", "--strategy", strategy, "--pattern", "hot", "--seed", "7", "--json");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertEquals(List.of("plan", "buyers", "requests", "queue", "check", "durationMs", "chaos", "interrupted", "thresholds"), fieldNames(summary));
        assertEquals(7, summary.path("plan").path("seed").asLong());
        assertEquals(30, summary.path("buyers").path("sold").asInt());
        assertEquals(270, summary.path("buyers").path("withoutSeat").asInt());
        assertEquals(0, summary.path("buyers").path("errored").asInt());
        assertEquals(30, summary.path("requests").path("succeeded").asInt());
        assertEquals(0, summary.path("requests").path("errors").asInt());
        assertEquals(0, summary.path("check").path("oversold").asInt());
        assertTrue(summary.path("check").path("passed").asBoolean());
        invariants.assertSoldExactlyOnce(ids[1], 30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"optimistic", "pessimistic", "distributed", "async-optimistic"})
    void aSwarmSplitAcrossTwoInstancesSellsEachSeatOnce(String strategy) throws Exception {
        long[] ids = new HttpCalls(server.baseUrl()).setupConcert(40);
        CliRun run = CliRun.of("rush", "--server", server.baseUrl() + "," + secondServer.baseUrl(),
                "--option", Long.toString(ids[1]), "--users", "300", "--strategy", strategy, "--pattern", "random", "--attempts", "10", "--json");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertEquals(40, summary.path("buyers").path("sold").asInt(), run.out());
        invariants.assertSoldExactlyOnce(ids[1], 40);
    }

    @Test
    void aRampedSpreadRushPacesItsBuyers() throws Exception {
        long[] ids = new HttpCalls(server.baseUrl()).setupConcert(50);
        CliRun run = CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]),
                "--users", "50", "--pattern", "spread", "--arrival", "ramp:100/s", "--json");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertEquals(50, summary.path("buyers").path("sold").asInt());
        assertEquals(50, summary.path("requests").path("total").asInt(), "spread buyers each get their own seat at the first try");
        assertTrue(summary.path("durationMs").asLong() >= 490, "50 buyers at 100/s arrive over half a second: " + summary.path("durationMs"));
        invariants.assertSoldExactlyOnce(ids[1], 50);
    }

    @Test
    void aRushWhoseBuyersAreNeverAdmittedSaysWhyAndFails() throws Exception {
        long[] ids = new HttpCalls(server.baseUrl()).setupConcert(5);
        // the original's way, into a Redis database the server does not use: every reservation is refused with 403
        CliRun run = CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]), "--users", "20",
                "--redis", services.privateRedisUrl(8), "--json");
        assertEquals(1, run.exitCode(), run.err() + run.out());
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertEquals(20, summary.path("requests").path("notAdmitted").asInt());
        assertEquals(20, summary.path("buyers").path("withoutSeat").asInt());
        assertTrue(summary.path("check").path("violations").toString().contains("every reservation was refused with 403"), run.out());
        invariants.assertSoldExactlyOnce(ids[1], 0);
    }

    @Test
    void admittingThroughTheServersOwnRedisTheOriginalsWaySellsToo() throws Exception {
        long[] ids = new HttpCalls(server.baseUrl()).setupConcert(5);
        CliRun run = CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]), "--users", "20",
                "--redis", services.redisUrl(), "--json");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        invariants.assertSoldExactlyOnce(ids[1], 5);
    }

    @Test
    void withAnInstanceGoneTheSummaryStillPrintsAndEveryBuyerIsAccountedFor() throws Exception {
        long[] ids = new HttpCalls(server.baseUrl()).setupConcert(60);
        try (ServerLite doomed = new ServerLite(services.serverConfig().build()).start()) {
            Thread killer = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    return;
                }
                doomed.close();
            });
            CliRun run = CliRun.of("rush", "--server", server.baseUrl() + "," + doomed.baseUrl(), "--concert", Long.toString(ids[0]),
                    "--users", "400", "--arrival", "ramp:150/s", "--strategy", "async-optimistic", "--pattern", "random", "--json");
            killer.join();
            assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.err() + run.out());
            JsonNode summary = new ObjectMapper().readTree(run.out());
            JsonNode buyers = summary.path("buyers");
            assertEquals(400, buyers.path("total").asInt());
            assertEquals(400, buyers.path("sold").asInt() + buyers.path("withoutSeat").asInt() + buyers.path("errored").asInt(), run.out());
            assertEquals(0, summary.path("check").path("oversold").asInt(), run.out());
            assertTrue(summary.path("check").path("passed").asBoolean(), run.out());
            invariants.assertSoldExactlyOnce(ids[1], buyers.path("sold").asInt());
        }
    }

    @Test
    void verifyPassesOnACleanSaleAndNamesACorruptedSeat() throws Exception {
        long[] ids = new HttpCalls(server.baseUrl()).setupConcert(5);
        assertEquals(0, CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]),
                "--users", "3", "--pattern", "spread", "--json").exitCode());
        CliRun clean = CliRun.of("verify", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]));
        assertEquals(0, clean.exitCode(), clean.out());
        assertTrue(clean.out().startsWith("PASS: 5 seats in 1 option(s), 3 sold, 0 oversold"), clean.out());

        long free = services.sqlNumber("SELECT max(id) FROM seat WHERE concert_option_id = " + ids[1] + " AND status = 'AVAILABLE'");
        try (var c = services.sql()) {
            c.createStatement().execute("UPDATE seat SET status = 'RESERVED' WHERE id = " + free);
        }
        CliRun corrupted = CliRun.of("verify", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]));
        assertEquals(1, corrupted.exitCode(), corrupted.out());
        assertTrue(corrupted.out().contains("(" + free + ") is RESERVED but nobody holds it"), corrupted.out());
    }

    @Test
    void badRushFlagsGetOneLineAndExitCode2() {
        for (String[] args : List.of(
                new String[] {"rush", "--concert", "1", "--strategy", "telepathy"},
                new String[] {"rush", "--concert", "1", "--arrival", "ramp:abc"},
                new String[] {"rush", "--concert", "1", "--users", "0"},
                new String[] {"rush", "--users", "10"},
                new String[] {"rush", "--concert", "1", "--option", "2"})) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + " -> " + run.err());
            CliUsageTest.assertOneLineWithoutStackTrace(run.err());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }
}
