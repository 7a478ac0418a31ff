package dev.ticketrush.server.metrics;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: every series in Prometheus' text format, the concerts' read at scrape time (at most once a second). */
public final class MetricsRoutes {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final ConcertReadings readings;
    private final ConcertGauges concerts;

    public MetricsRoutes(PrometheusMeterRegistry registry, ConcertReadings readings) {
        this.registry = registry;
        this.readings = readings;
        this.concerts = new ConcertGauges(registry);
    }

    public void scrape(Context ctx) {
        concerts.update(readings.latest());
        ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape());
    }
}
