package dev.ticketrush.cli.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ThresholdTest {

    /** 100 seats, 100 sold, 2 request errors, p99 of 250 ms. */
    private static final RushSummary RUSH = new RushSummary(
            new RushSummary.Plan("optimistic", "hot", "burst", 1000, 100, 7, List.of("http://127.0.0.1:8080")),
            new RushSummary.Buyers(1000, 100, 898, 2, 400),
            new RushSummary.Requests(1200, 100, 1098, 0, 2, 0, Map.of("HTTP 500", 2), 480, new LatencyRecorder.LatencyMs(20, 90, 250, 400)),
            null, new RushSummary.Check(true, 100, 0, List.of()), 2500, List.of(), false, List.of());

    @ParameterizedTest
    @CsvSource({
            "p99<300ms, true", "p99<0.3s, true", "p99<250, false", "p99<=250ms, true", "max>=0.4s, true",
            "errors==0, false", "errors<=2, true", "sold==seats, true", "sold!=seats, false", "errored<errors, false",
            "rps>400, true", "duration<2s, false", "oversold==0, true", "violations==0, true", "queue_p99==0, true"})
    void aThresholdComparesAMetricWithANumberOrAnotherMetric(String threshold, boolean met) {
        assertEquals(met, Threshold.parse(threshold).judge(RUSH).passed(), threshold);
    }

    @ParameterizedTest
    @ValueSource(strings = {"p99", "p99 about 300ms", "speed<3", "p99<fast", "errors<3ms", "sold==seats ms", "p99=300ms", ""})
    void anythingElseIsRefusedWithTheReason(String threshold) {
        assertThrows(IllegalArgumentException.class, () -> Threshold.parse(threshold));
    }
}
