package dev.ticketrush.server.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.http.ClientAddress;
import dev.ticketrush.server.http.SseStream;
import dev.ticketrush.server.http.StreamQuota;
import dev.ticketrush.server.metrics.ConcertReadings;
import dev.ticketrush.server.metrics.RouteTimings;
import dev.ticketrush.server.infra.Outage;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/** {@code GET /api/operator/stream}: what the operator page shows, pushed once a second as an {@code OVERVIEW} event. */
public final class OperatorRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorRoutes.class);
    static final Duration TICK = Duration.ofSeconds(1);

    private final ConcertReadings readings;
    private final RouteTimings timings;
    private final StreamQuota streams;
    private final ClientAddress clients;
    private final ObjectMapper json;
    private final Clock clock;

    public OperatorRoutes(ConcertReadings readings, RouteTimings timings, StreamQuota streams, ClientAddress clients, ObjectMapper json, Clock clock) {
        this.readings = readings;
        this.timings = timings;
        this.streams = streams;
        this.clients = clients;
        this.json = json;
        this.clock = clock;
    }

    public void stream(Context ctx) {
        SseStream.detach(ctx, streams.open(clients.of(ctx)), () -> push(SseStream.open(ctx)));
    }

    private void push(SseStream stream) throws InterruptedException {
        Traffic traffic = Traffic.since(timings.counted(), System.nanoTime());
        try {
            while (stream.send("OVERVIEW", overview(traffic))) {
                Thread.sleep(TICK);
                traffic = traffic.next(timings.counted(), System.nanoTime());
            }
        } catch (RuntimeException unreadable) {
            // the response is already a stream: it ends here, and the page connects again with a backoff
            if (Outage.dependencyOf(unreadable).isEmpty()) LOG.warn("operator stream ended: {}", unreadable.toString());
        }
    }

    private String overview(Traffic traffic) {
        try {
            return json.writeValueAsString(new Overview(clock.instant(), traffic.requestsPerSecond(), traffic.errorsPerSecond(),
                    traffic.now().requests(), traffic.now().errors(), readings.latest()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
