package dev.ticketrush.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Each watched concert's line and seats as Prometheus series, tagged by concert; a concert no longer watched loses its series. */
final class ConcertGauges {

    private final MeterRegistry registry;
    private final Map<Long, ConcertReading> latest = new ConcurrentHashMap<>();
    private final Map<Long, List<Meter>> meters = new ConcurrentHashMap<>();

    ConcertGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Takes the newest readings: the series of a scrape show them. */
    synchronized void update(List<ConcertReading> readings) {
        Map<Long, ConcertReading> now = readings.stream().collect(Collectors.toMap(ConcertReading::concertId, Function.identity()));
        latest.putAll(now);
        for (Long gone : List.copyOf(meters.keySet())) {
            if (now.containsKey(gone)) continue;
            meters.remove(gone).forEach(registry::remove);
            latest.remove(gone);
        }
        now.keySet().forEach(concertId -> meters.computeIfAbsent(concertId, this::register));
    }

    private List<Meter> register(long concertId) {
        Tags tags = Tags.of("concert", Long.toString(concertId));
        return List.of(
                gauge("ticketrush.queue.waiting", "Buyers waiting in the concert's line", tags, concertId, ConcertReading::waiting),
                gauge("ticketrush.queue.active", "Admitted buyers whose admission still runs", tags, concertId, ConcertReading::active),
                FunctionCounter.builder("ticketrush.queue.admissions", this, gauges -> gauges.value(concertId, ConcertReading::admittedTotal))
                        .description("Buyers the concert's line has admitted, on every instance").tags(tags).register(registry),
                gauge("ticketrush.queue.admission.rate", "Configured admissions per second", tags, concertId, ConcertReading::admissionsPerSecond),
                gauge("ticketrush.queue.wait.last.seconds", "Estimated wait of the last in line", tags, concertId,
                        ConcertReading::estimatedWaitSecondsForLast),
                gauge("ticketrush.seats.sold", "Seats reserved or held", tags, concertId, ConcertReading::sold),
                gauge("ticketrush.seats.available", "Seats still for sale", tags, concertId, ConcertReading::available));
    }

    private Gauge gauge(String name, String description, Tags tags, long concertId, ToDoubleFunction<ConcertReading> field) {
        return Gauge.builder(name, this, gauges -> gauges.value(concertId, field)).description(description).tags(tags).register(registry);
    }

    private double value(long concertId, ToDoubleFunction<ConcertReading> field) {
        ConcertReading reading = latest.get(concertId);
        return reading == null ? Double.NaN : field.applyAsDouble(reading);
    }
}
