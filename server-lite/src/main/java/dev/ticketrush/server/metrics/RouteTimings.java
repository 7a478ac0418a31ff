package dev.ticketrush.server.metrics;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Times every request by method, route template (never the raw path, which would make a series per seat) and
 * status, and counts requests and server errors for the operator page's rates: a timer lookup per request, no I/O.
 */
public final class RouteTimings implements RequestLogger {

    /** Requests that matched no endpoint share one series, whatever path they asked for. */
    static final String UNMATCHED = "unmatched";

    private final Meter.MeterProvider<Timer> timers;
    /** Micrometer's tag lookup is a sorted-tags map probe per request: the timers are kept here by their three values. */
    private final Map<Series, Timer> bySeries = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();

    public RouteTimings(MeterRegistry registry) {
        this.timers = Timer.builder("http.server.requests")
                .description("HTTP requests by method, route template and status")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(30))
                .withRegistry(registry);
    }

    @Override
    public void handle(Context ctx, Float executionTimeMs) {
        int status = ctx.statusCode();
        requests.increment();
        if (status >= 500) errors.increment();
        Timer timer = bySeries.computeIfAbsent(new Series(ctx.method().name(), route(ctx), status), this::timer);
        timer.record((long) (executionTimeMs * 1_000_000.0), TimeUnit.NANOSECONDS);
    }

    private Timer timer(Series series) {
        return timers.withTags("method", series.method(), "route", series.route(), "status", Integer.toString(series.status()));
    }

    /** One timer's tags: a route template (bounded by the route table), a method, a status code. */
    private record Series(String method, String route, int status) {
    }

    /** Requests and server errors (5xx) this instance has answered since it started. */
    public RequestCount counted() {
        return new RequestCount(requests.sum(), errors.sum());
    }

    private static String route(Context ctx) {
        try {
            String template = ctx.endpointHandlerPath();
            return template == null || template.isEmpty() ? UNMATCHED : template;
        } catch (IllegalStateException refusedBeforeRouting) {
            return UNMATCHED;
        }
    }

    /** Totals of answered requests and of those that were server errors. */
    public record RequestCount(long requests, long errors) {
    }
}
