package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.report.RushSummary;
import dev.ticketrush.server.ServerLite;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rushes against the server per strategy, checked with SQL against the tables, never against the server's or the swarm's counters. */
class SwarmConcurrencyTest extends ServerTest {

    private final SaleInvariants invariants;
    private final Swarm swarm = new Swarm(new PrintStream(OutputStream.nullOutputStream()));

    SwarmConcurrencyTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"OPTIMISTIC", "PESSIMISTIC", "DISTRIBUTED"})
    void twoHundredBuyersOfOneSeatSellItExactlyOnce(Strategy strategy) throws Exception {
        long[] ids = http.setupConcert(1);
        RushSummary summary = swarm.run(plan(ids, strategy, SeatPattern.HOT).users(200).attempts(1).concurrency(200).build());
        assertEquals(1, summary.requests().succeeded(), summary.toString());
        assertEquals(1, summary.buyers().sold(), summary.toString());
        assertEquals(199, summary.buyers().withoutSeat(), summary.toString());
        assertEquals(0, summary.requests().errors(), summary.toString());
        invariants.assertSoldExactlyOnce(ids[1], 1);
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"OPTIMISTIC", "PESSIMISTIC", "DISTRIBUTED"})
    void fiveHundredBuyersWantingTheFrontRowSellFiftySeatsOnceEach(Strategy strategy) throws Exception {
        long[] ids = http.setupConcert(50);
        RushSummary summary = swarm.run(plan(ids, strategy, SeatPattern.HOT).users(500).attempts(50).concurrency(100).build());
        assertEquals(50, summary.buyers().sold(), summary.toString());
        assertEquals(0, summary.requests().errors(), summary.toString());
        invariants.assertSoldExactlyOnce(ids[1], 50);
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"OPTIMISTIC", "PESSIMISTIC", "DISTRIBUTED"})
    void fiveHundredBuyersSpreadOverFiftySeatsSellEachOnce(Strategy strategy) throws Exception {
        long[] ids = http.setupConcert(50);
        RushSummary summary = swarm.run(plan(ids, strategy, SeatPattern.SPREAD).users(500).attempts(50).concurrency(100).build());
        assertEquals(50, summary.buyers().sold(), summary.toString());
        assertEquals(0, summary.requests().errors(), summary.toString());
        invariants.assertSoldExactlyOnce(ids[1], 50);
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"DISTRIBUTED", "ASYNC_PESSIMISTIC"})
    void twoInstancesSharingTheLockOrTheQueueSellOneSeatOnce(Strategy strategy) throws Exception {
        try (ServerLite second = new ServerLite(services.serverConfig().build()).start()) {
            long[] ids = http.setupConcert(1);
            RushSummary summary = swarm.run(RushPlan.builder().servers(List.of(server.baseUrl(), second.baseUrl())).option(ids[1])
                    .strategy(strategy).pattern(SeatPattern.HOT).users(200).attempts(1).concurrency(200).seed(3L).build());
            assertEquals(1, summary.buyers().sold(), summary.toString());
            assertEquals(199, summary.buyers().withoutSeat(), summary.toString());
            invariants.assertSoldExactlyOnce(ids[1], 1);
        }
    }

    private RushPlan.Builder plan(long[] ids, Strategy strategy, SeatPattern pattern) {
        return RushPlan.builder().servers(List.of(server.baseUrl())).option(ids[1]).strategy(strategy).pattern(pattern).seed(11L);
    }
}
