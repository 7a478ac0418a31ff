package dev.ticketrush.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/** This instance's own gauges, each read when scraped: its event streams, its async worker's lag, and its JVM. */
public final class InstanceGauges implements AutoCloseable {

    /** Where the gauges read. */
    public record Sources(IntSupplier waitingRoomSubscribers, IntSupplier openStreams, LongSupplier kafkaLag) {
    }

    private final JvmGcMetrics gc = new JvmGcMetrics();

    public InstanceGauges(MeterRegistry registry, Sources sources) {
        Gauge.builder("ticketrush.sse.subscribers", sources.waitingRoomSubscribers()::getAsInt).tag("stream", "waiting-room")
                .description("Waiting-room event streams this instance pushes to").register(registry);
        Gauge.builder("ticketrush.sse.streams", sources.openStreams()::getAsInt)
                .description("Event streams of every kind this instance holds open").register(registry);
        Gauge.builder("ticketrush.kafka.consumer.lag", sources.kafkaLag()::getAsLong)
                .description("Async requests on this instance's partitions not yet consumed, as of its last fetch").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    @Override
    public void close() {
        gc.close();
    }
}
