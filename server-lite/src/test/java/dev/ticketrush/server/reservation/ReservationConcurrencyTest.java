package dev.ticketrush.server.reservation;

import dev.ticketrush.server.testing.BuyerSwarm;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rushes against one server, checked with SQL against the tables, never against the server's counters. */
class ReservationConcurrencyTest extends ServerTest {

    private final SaleInvariants invariants;

    ReservationConcurrencyTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/optimistic", "v2/pessimistic", "v3/distributed-lock"})
    void twoHundredBuyersOfOneSeatSellItExactlyOnce(String strategy) throws Exception {
        long optionId = http.setupConcert(1)[1];
        long seat = services.seatIds(optionId)[0];
        long[] users = services.createUsers(200);
        var outcome = new BuyerSwarm(List.of(server.baseUrl()), strategy, 200).run(users, buyer -> new long[] {seat});
        assertEquals(1, outcome.count(200), outcome.toString());
        assertEquals(199, outcome.count(409), outcome.toString());
        invariants.assertSoldExactlyOnce(optionId, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/optimistic", "v2/pessimistic", "v3/distributed-lock"})
    void fiveHundredBuyersWantingTheFrontRowSellFiftySeatsOnceEach(String strategy) throws Exception {
        long optionId = http.setupConcert(50)[1];
        long[] seats = services.seatIds(optionId);
        long[] users = services.createUsers(500);
        // hot: everyone starts at the first seat and walks forward
        var outcome = new BuyerSwarm(List.of(server.baseUrl()), strategy, 100).run(users, buyer -> seats);
        assertEquals(50, outcome.count(200), outcome.toString());
        assertEquals(0, outcome.byStatus().keySet().stream().filter(s -> s != 200 && s != 409).count(), outcome.toString());
        invariants.assertSoldExactlyOnce(optionId, 50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/optimistic", "v2/pessimistic", "v3/distributed-lock"})
    void fiveHundredBuyersSpreadOverFiftySeatsSellEachOnce(String strategy) throws Exception {
        long optionId = http.setupConcert(50)[1];
        long[] seats = services.seatIds(optionId);
        long[] users = services.createUsers(500);
        // spread: buyer i starts at seat i mod 50 and walks on, wrapping round
        var outcome = new BuyerSwarm(List.of(server.baseUrl()), strategy, 100).run(users,
                buyer -> LongStream.range(0, seats.length).map(k -> seats[(int) ((buyer + k) % seats.length)]).toArray());
        assertEquals(50, outcome.count(200), outcome.toString());
        assertEquals(0, outcome.byStatus().keySet().stream().filter(s -> s != 200 && s != 409).count(), outcome.toString());
        invariants.assertSoldExactlyOnce(optionId, 50);
    }
}
