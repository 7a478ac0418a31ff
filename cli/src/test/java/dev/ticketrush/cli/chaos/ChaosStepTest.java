package dev.ticketrush.cli.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChaosStepTest {

    @Test
    void aShareOfBuyersTriggersAndAServiceOutageLastsFiveSecondsUnlessSaid() {
        ChaosStep step = ChaosStep.parse("redis@30%");
        assertEquals(ChaosStep.Fault.REDIS, step.fault());
        assertEquals(Duration.ofSeconds(5), step.outage());
        assertFalse(step.due(299, 1000, Duration.ofHours(1)));
        assertTrue(step.due(300, 1000, Duration.ZERO));
    }

    @Test
    void secondsAfterTheStartTriggerToo() {
        ChaosStep step = ChaosStep.parse("kafka@2.5s+8s");
        assertEquals(Duration.ofSeconds(8), step.outage());
        assertFalse(step.due(1000, 1000, Duration.ofMillis(2499)));
        assertTrue(step.due(0, 1000, Duration.ofMillis(2500)));
        assertEquals("kafka@2.5s+8.0s", step.toString());
    }

    @Test
    void aKilledInstanceStaysDead() {
        assertEquals(Duration.ZERO, ChaosStep.parse("kill-instance@50%").outage());
        assertThrows(IllegalArgumentException.class, () -> ChaosStep.parse("kill-instance@50%+5s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "redis@", "redis@0%", "redis@100%", "redis@30", "disk@30%", "redis@30%+0s", "redis@30%+601s", "redis@-1s"})
    void whatIsNotAStepIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> ChaosStep.parse(text));
    }
}
