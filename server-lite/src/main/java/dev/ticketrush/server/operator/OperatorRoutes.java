package dev.ticketrush.server.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.http.ClientAddress;
import dev.ticketrush.server.http.SseStream;
import dev.ticketrush.server.http.StreamQuota;
import dev.ticketrush.server.metrics.ConcertReadings;
import dev.ticketrush.server.metrics.RouteTimings;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/** {@code GET /api/operator/stream}: what the operator page shows, pushed once a second as an {@code OVERVIEW} event. */
public final class OperatorRoutes {

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

    public void stream(Context ctx) throws IOException, InterruptedException {
        try (StreamQuota.Permit permit = streams.open(clients.of(ctx))) {
            SseStream stream = SseStream.open(ctx);
            Traffic traffic = Traffic.since(timings.counted(), System.nanoTime());
            while (stream.send("OVERVIEW", overview(traffic))) {
                Thread.sleep(TICK);
                traffic = traffic.next(timings.counted(), System.nanoTime());
            }
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
