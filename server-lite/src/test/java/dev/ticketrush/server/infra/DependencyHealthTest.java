package dev.ticketrush.server.infra;

import dev.ticketrush.server.testing.ServerLog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DependencyHealthTest {

    /**
     * Two probes cut off as slow, then a third in flight when the server closes: the interrupted probe must not count as
     * the third slow one in a row and be logged as an outage (the demo printed "postgres is unavailable" as it stopped).
     */
    @Test
    void aProbeCutShortByClosingIsNotTakenForAnOutage() throws Exception {
        Semaphore probing = new Semaphore(0);
        DependencyHealth health = new DependencyHealth(List.of(new DependencyHealth.Probe("postgres", () -> {
            probing.release();
            try {
                Thread.sleep(60_000);
                return true;
            } catch (InterruptedException cutShort) {
                return false;
            }
        })));
        String logged;
        try {
            health.start(); // the first probe, cut off after 2.5 s
            assertTrue(probing.tryAcquire(1, 10, TimeUnit.SECONDS));
            assertTrue(probing.tryAcquire(2, 15, TimeUnit.SECONDS), "a second probe was cut off and a third is in flight");
            assertTrue(health.isUp("postgres"), "slow twice is not down yet");
            logged = ServerLog.during(() -> {
                health.close();
                Thread.sleep(500); // the interrupted tick's verdict, if it made one, is logged by now
            });
        } finally {
            health.close();
        }
        assertFalse(logged.contains("unavailable"), logged);
    }
}
