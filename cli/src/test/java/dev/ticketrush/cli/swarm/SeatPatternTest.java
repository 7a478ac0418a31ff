package dev.ticketrush.cli.swarm;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeatPatternTest {

    private static final long[] SEATS = {11, 12, 13, 14, 15, 16};

    @Test
    void hotBuyersWantOneOfTheFirstFewSeatsNotKnownTaken() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            long seat = SeatPattern.HOT.pick(i, SEATS, Set.of(11L), random);
            assertTrue(seat >= 12 && seat <= 14, "one of the front row still free: " + seat);
        }
        assertEquals(SeatPattern.NONE, SeatPattern.HOT.pick(0, SEATS, Set.of(11L, 12L, 13L, 14L, 15L, 16L), random));
    }

    @Test
    void spreadBuyersStartAtTheirOwnSeatAndWalkOn() {
        SplittableRandom random = new SplittableRandom(1);
        assertEquals(13, SeatPattern.SPREAD.pick(2, SEATS, Set.of(), random));
        assertEquals(14, SeatPattern.SPREAD.pick(2, SEATS, Set.of(13L), random));
        assertEquals(11, SeatPattern.SPREAD.pick(5, SEATS, Set.of(16L), random), "wraps round");
        assertEquals(12, SeatPattern.SPREAD.pick(7, SEATS, Set.of(), random), "buyer 7 of 6 seats starts at seat 1");
    }

    @Test
    void randomBuyersOnlyPickSeatsNotKnownTakenAndTheSameSeedPicksAlike() {
        Set<Long> taken = Set.of(11L, 13L, 15L);
        Set<Long> picked = new HashSet<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) picked.add(SeatPattern.RANDOM.pick(i, SEATS, taken, random));
        assertEquals(Set.of(12L, 14L, 16L), picked);
        assertEquals(SeatPattern.RANDOM.pick(3, SEATS, Set.of(), new SplittableRandom(42)), SeatPattern.RANDOM.pick(3, SEATS, Set.of(), new SplittableRandom(42)));
    }
}
