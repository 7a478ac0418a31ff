package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.cli.chaos.FaultControl;
import dev.ticketrush.embedded.EmbeddedStack;
import dev.ticketrush.embedded.StackFaults;
import dev.ticketrush.server.ServerLite;
import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerProcess;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rush --chaos: the fault is struck for real mid-rush, the summary says so, and the invariants still hold in the database. */
@ExtendWith(TestServices.Extension.class)
class ChaosRushTest {

    private final TestServices services;
    private final SaleInvariants invariants;

    ChaosRushTest(TestServices services) {
        this.services = services;
        this.invariants = new SaleInvariants(services);
    }

    @Test
    void aRushThatKillsOneOfTwoInstancesKeepsSellingThroughTheSurvivorAndSellsNoSeatTwice() throws Exception {
        try (ServerLite survivor = new ServerLite(services.serverConfig().build()).start();
             ServerProcess doomed = new ServerProcess(services.serverConfig().allowFaults(true).build())) {
            long[] ids = new HttpCalls(survivor.baseUrl()).setupConcert(40);
            CliRun run = CliRun.of("rush", "--server", survivor.baseUrl() + "," + doomed.baseUrl(), "--option", Long.toString(ids[1]),
                    "--users", "400", "--strategy", "async-optimistic", "--pattern", "random", "--attempts", "10", "--arrival", "ramp:200/s",
                    "--chaos", "kill-instance@30%", "--json");

            assertEquals(0, run.exitCode(), run.err() + run.out());
            JsonNode summary = new ObjectMapper().readTree(run.out());
            JsonNode struck = summary.path("chaos").get(0);
            assertEquals("kill-instance@30%", struck.path("step").asText());
            assertEquals("killed " + doomed.baseUrl(), struck.path("outcome").asText());
            assertFalse(doomed.isAlive(), "the instance really died");
            assertEquals(400, summary.path("buyers").path("total").asInt());
            assertTrue(summary.path("check").path("passed").asBoolean(), run.out());
            assertEquals(40, summary.path("buyers").path("sold").asInt(), "buyers of the dead instance went on through the survivor: " + run.out());
            invariants.assertSoldExactlyOnce(ids[1], 40);
        }
    }

    @Test
    void aRushThatTakesRedisAwayForSecondsSeesThe503sAndStillSellsNoSeatTwice() throws Exception {
        try (EmbeddedStack given = new EmbeddedStack(services.dbUrl(), services.redisUrl(), services.kafkaBootstrap());
             StackFaults faults = new StackFaults(given);
             FaultControl control = new FaultControl(faults);
             ServerLite server = new ServerLite(services.serverConfig().dbUrl(faults.endpoints().dbUrl()).redisUrl(faults.endpoints().redisUrl())
                     .build()).start()) {
            long[] ids = new HttpCalls(server.baseUrl()).setupConcert(600);
            CliRun run = CliRun.of("rush", "--server", server.baseUrl(), "--option", Long.toString(ids[1]), "--users", "600",
                    "--strategy", "optimistic", "--pattern", "spread", "--arrival", "ramp:150/s", "--chaos", "redis@25%+2s",
                    "--faults", control.url(), "--json");

            assertEquals(0, run.exitCode(), run.err() + run.out());
            JsonNode summary = new ObjectMapper().readTree(run.out());
            assertEquals("redis down for 2 s", summary.path("chaos").get(0).path("outcome").asText(), run.out());
            assertTrue(summary.path("requests").path("errors").asInt() > 0, "the outage was felt: " + run.out());
            assertTrue(summary.path("requests").path("errorKinds").has("503 during the sale"), "and answered 503, nothing worse: " + run.out());
            assertEquals(1, summary.path("requests").path("errorKinds").size(), run.out());
            assertTrue(summary.path("check").path("passed").asBoolean(), run.out());
            invariants.assertSoldExactlyOnce(ids[1], summary.path("check").path("soldSeats").asInt());
        }
    }

    @Test
    void aFaultThatCannotBeStruckIsRefusedInOneLineBeforeAnyBuyerExists() throws Exception {
        try (ServerLite server = new ServerLite(services.serverConfig().build()).start();
             ServerLite other = new ServerLite(services.serverConfig().build()).start()) {
            String option = Long.toString(new HttpCalls(server.baseUrl()).setupConcert(5)[1]);
            long usersBefore = services.sqlNumber("SELECT count(*) FROM app_user");
            CliRun alone = CliRun.of("rush", "--server", server.baseUrl(), "--option", option, "--chaos", "kill-instance@30%");
            CliRun unwilling = CliRun.of("rush", "--server", server.baseUrl() + "," + other.baseUrl(), "--option", option, "--chaos", "kill-instance@30%");
            CliRun noControl = CliRun.of("rush", "--server", server.baseUrl(), "--option", option, "--chaos", "redis@30%");
            CliRun garbled = CliRun.of("rush", "--server", server.baseUrl(), "--option", option, "--chaos", "redis@soon");

            assertOneLineRefusal(alone, "two or more --server URLs");
            assertOneLineRefusal(unwilling, "--allow-faults");
            assertOneLineRefusal(noControl, "--faults URL");
            assertOneLineRefusal(garbled, "kill-instance@30% or redis@30%+5s");
            assertEquals(usersBefore, services.sqlNumber("SELECT count(*) FROM app_user"), "no buyer was created");
        }
    }

    private static void assertOneLineRefusal(CliRun run, String naming) {
        assertEquals(CliFailure.USAGE_OR_CONNECTION, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(naming), run.err());
    }
}
