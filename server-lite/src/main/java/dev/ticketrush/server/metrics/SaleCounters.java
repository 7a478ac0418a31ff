package dev.ticketrush.server.metrics;

import dev.ticketrush.server.asyncsale.SaleStatus;
import dev.ticketrush.server.asyncsale.SaleTally;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/** Async requests this instance queued (PENDING) and settled (SUCCESS, FAIL_*), counted by status. */
public final class SaleCounters implements SaleTally {

    private final Meter.MeterProvider<Counter> counters;

    public SaleCounters(MeterRegistry registry) {
        this.counters = Counter.builder("ticketrush.async.requests").description("Async requests queued and settled here, by status")
                .withRegistry(registry);
    }

    @Override
    public void counted(SaleStatus status) {
        counters.withTag("status", status.name()).increment();
    }
}
