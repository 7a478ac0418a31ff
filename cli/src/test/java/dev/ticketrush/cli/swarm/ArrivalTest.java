package dev.ticketrush.cli.swarm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

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

    @ParameterizedTest
    @ValueSource(strings = {"ramp:abc", "ramp:0/s", "ramp:-5/s", "ramp:10", "trickle", ""})
    void anythingElseIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Arrival.parse(text));
    }
}
