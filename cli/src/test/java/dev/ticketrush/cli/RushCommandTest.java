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
        server = new ServerLite(services.serverConfig()).start();
        secondServer = new ServerLite(services.serverConfig()).start();
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
        CliRun run = CliRun.of("rush", "--server", server.baseUrl(), "--redis", services.redisUrl(), "--concert", Long.toString(ids[0]),
                "--users", "300", "--strategy", strategy, "--pattern", "hot", "--seed", "7", "--json");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertEquals(List.of("users", "seats", "strategy", "succeeded", "refused", "errors", "oversold", "durationMs", "throughputPerSec", "latencyMs"),
                firstFieldNames(summary, 10));
        assertEquals(30, summary.path("succeeded").asInt());
        assertEquals(0, summary.path("errors").asInt());
        assertEquals(0, summary.path("oversold").asInt());
        assertTrue(summary.path("checkPassed").asBoolean());
        invariants.assertSoldExactlyOnce(ids[1], 30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"optimistic", "pessimistic", "distributed"})
    void aSwarmSplitAcrossTwoInstancesSellsEachSeatOnce(String strategy) throws Exception {
        long[] ids = new HttpCalls(server.baseUrl()).setupConcert(40);
        CliRun run = CliRun.of("rush", "--server", server.baseUrl() + "," + secondServer.baseUrl(), "--redis", services.redisUrl(),
                "--option", Long.toString(ids[1]), "--users", "300", "--strategy", strategy, "--pattern", "random", "--attempts", "10", "--json");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertEquals(40, summary.path("succeeded").asInt(), run.out());
        invariants.assertSoldExactlyOnce(ids[1], 40);
    }

    @Test
    void aRampedSpreadRushPacesItsBuyers() throws Exception {
        long[] ids = new HttpCalls(server.baseUrl()).setupConcert(50);
        CliRun run = CliRun.of("rush", "--server", server.baseUrl(), "--redis", services.redisUrl(), "--concert", Long.toString(ids[0]),
                "--users", "50", "--pattern", "spread", "--arrival", "ramp:100/s", "--json");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertEquals(50, summary.path("succeeded").asInt());
        assertEquals(50, summary.path("requests").asInt(), "spread buyers each get their own seat at the first try");
        assertTrue(summary.path("durationMs").asLong() >= 490, "50 buyers at 100/s arrive over half a second: " + summary.path("durationMs"));
        invariants.assertSoldExactlyOnce(ids[1], 50);
    }

    @Test
    void verifyPassesOnACleanSaleAndNamesACorruptedSeat() throws Exception {
        long[] ids = new HttpCalls(server.baseUrl()).setupConcert(5);
        assertEquals(0, CliRun.of("rush", "--server", server.baseUrl(), "--redis", services.redisUrl(), "--concert", Long.toString(ids[0]),
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

    private static List<String> firstFieldNames(JsonNode node, int count) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext() && names.size() < count; ) names.add(it.next());
        return names;
    }
}
