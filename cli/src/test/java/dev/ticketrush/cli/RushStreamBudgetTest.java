package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server of its own, so the streams it counts are this rush's alone. */
class RushStreamBudgetTest extends ServerTest {

    private final SaleInvariants invariants;

    RushStreamBudgetTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    @Test
    void buyersBeyondTheStreamBudgetWaitTheirTurnAndEveryOneIsServed() throws Exception {
        long[] ids = http.setupConcert(10);
        String room = "/api/v1/waiting-queue/config/" + ids[0];
        http.put(room, "{\"capacity\":100,\"admitCount\":1,\"admitIntervalMs\":3600000}");
        AtomicReference<CliRun> done = new AtomicReference<>();
        Thread rush = Thread.ofPlatform().start(() -> done.set(CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]),
                "--users", "40", "--via-queue", "--max-streams", "3", "--json")));
        // while the gate is shut, a stream ends only at its buyer's admission: the server counts the streams held
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.waitingRoomSubscribers() < 3 && System.nanoTime() < until) Thread.sleep(20);
        int most = 0;
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1); System.nanoTime() < end; Thread.sleep(5)) {
            most = Math.max(most, server.waitingRoomSubscribers());
        }
        http.put(room, "{\"capacity\":100,\"admitCount\":40,\"admitIntervalMs\":100}");
        rush.join();
        CliRun run = done.get();
        assertEquals(0, run.exitCode(), run.err() + run.out());
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertEquals(10, summary.path("buyers").path("sold").asInt(), run.out());
        assertEquals(0, summary.path("requests").path("errors").asInt(), run.out());
        assertTrue(most >= 3 && most <= 4, "3 buyers held their stream (and one admitted at once may not have let go yet), not all 40: saw " + most);
        invariants.assertSoldExactlyOnce(ids[1], 10);
    }

    @Test
    void aStreamBudgetBelowOneIsRefusedWithOneLine() {
        CliRun run = CliRun.of("rush", "--server", server.baseUrl(), "--concert", "1", "--via-queue", "--max-streams", "0");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().strip().lines().count() == 1 && run.err().contains("--max-streams must be at least 1"), run.err());
    }

}
