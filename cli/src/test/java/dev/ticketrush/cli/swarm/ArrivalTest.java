package dev.ticketrush.cli.swarm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArrivalTest {

    @Test
    void aBurstSendsEveryBuyerAtOnce() {
        assertEquals(Duration.ZERO, Arrival.parse("burst").delayOf(999));
    }

    @Test
    void aRampSpacesBuyersEvenly() {
        Arrival ramp = Arrival.parse("ramp:500/s");
        assertEquals(Duration.ZERO, ramp.delayOf(0));
        assertEquals(Duration.ofMillis(2), ramp.delayOf(1));
        assertEquals(Duration.ofSeconds(2), ramp.delayOf(1000));
        assertEquals("ramp:500.0/s", ramp.toString());
    }

    @Test
    void stagesRampTheRateLinearlyThenHoldIt() {
        Arrival stages = Arrival.parse("stages:0/s..100/s@2s,100/s@1s");
        assertEquals(OptionalInt.of(200), stages.buyers(), "100 on the ramp (its average rate 50/s for 2 s), 100 at the plateau");
        assertEquals(Duration.ZERO, stages.delayOf(0));
        assertEquals(Duration.ofSeconds(1), stages.delayOf(25), "a quarter of the ramp's buyers by half its time: the rate grows");
        assertEquals(Duration.ofSeconds(2), stages.delayOf(100));
        assertEquals(Duration.ofMillis(2500), stages.delayOf(150));
        assertEquals("stages:0/s..100/s@2s,100/s@1s", stages.toString());
    }

    @Test
    void aDurationTurnsARampIntoAFixedNumberOfBuyers() {
        Arrival steady = Arrival.parse("ramp:500/s").lasting(Duration.ofSeconds(30));
        assertEquals(OptionalInt.of(15_000), steady.buyers());
        assertEquals(OptionalInt.empty(), Arrival.parse("ramp:500/s").buyers());
        assertThrows(IllegalArgumentException.class, () -> Arrival.BURST.lasting(Duration.ofSeconds(30)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ramp:abc", "ramp:0/s", "ramp:-5/s", "ramp:10", "trickle", "", "stages:", "stages:0/s..10/s", "stages:10/s@0s",
            "stages:0/s@5s", "stages:10/s@5x"})
    void anythingElseIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Arrival.parse(text));
    }
}
