package dev.ticketrush.server.waitingroom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ThrottleTest {

    @Test
    void theOriginalsDefaultsAdmitOnePerSecond() {
        assertEquals(1.0, Throttle.DEFAULT.admissionsPerSecond());
    }

    @Test
    void aWaiterWaitsOneIntervalPerWholeBatchAheadOfIt() {
        Throttle tenEveryTenSeconds = Throttle.of(100, 10, 10_000);
        assertEquals(0, tenEveryTenSeconds.estimatedWaitSeconds(0));
        assertEquals(10, tenEveryTenSeconds.estimatedWaitSeconds(1));
        assertEquals(10, tenEveryTenSeconds.estimatedWaitSeconds(10));
        assertEquals(20, tenEveryTenSeconds.estimatedWaitSeconds(11));
        assertEquals(1_000_000, Throttle.of(10_000_000, 1, 1_000).estimatedWaitSeconds(1_000_000));
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheField() {
        assertEquals("capacity must be 1..10000000", assertThrows(InvalidThrottle.class, () -> Throttle.of(0, 1, 100)).getMessage());
        assertThrows(InvalidThrottle.class, () -> Throttle.of(10_000_001, 1, 100));
        assertEquals("admitCount must be 1..100000", assertThrows(InvalidThrottle.class, () -> Throttle.of(1, 100_001, 100)).getMessage());
        assertThrows(InvalidThrottle.class, () -> Throttle.of(1, 1, 9));
        assertThrows(InvalidThrottle.class, () -> Throttle.of(1, 1, 3_600_001));
        assertThrows(InvalidThrottle.class, () -> new Throttle(10, null, 100L).validated());
    }
}
