package dev.ticketrush.server.infra;

import dev.ticketrush.server.ServerLite;
import dev.ticketrush.server.config.ServerConfig;
import dev.ticketrush.server.testing.HttpCalls;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedStackTest {

    @Test
    void fullyEmbeddedStackServesTheCatalogueAndStopsEveryService() {
        List<Integer> ports;
        try (EmbeddedStack stack = new EmbeddedStack(null, null, null)) {
            EmbeddedStack.Endpoints at = stack.endpoints();
            ports = List.of(
                    URI.create(at.dbUrl().substring("jdbc:".length())).getPort(),
                    URI.create(at.redisUrl()).getPort(),
                    Integer.parseInt(at.kafkaBootstrap().substring(at.kafkaBootstrap().lastIndexOf(':') + 1)));
            assertFalse(ports.contains(5432) || ports.contains(6379) || ports.contains(9092), "services of its own: " + at);
            ports.forEach(port -> assertTrue(FreePort.isListening("127.0.0.1", port), "listening on " + port));

            var config = new ServerConfig(0, at.dbUrl(), "postgres", "", 8, at.redisUrl(), at.kafkaBootstrap(), 0, null);
            try (ServerLite server = new ServerLite(config).start()) {
                HttpCalls http = new HttpCalls(server.baseUrl());
                assertEquals(200, http.get("/health").statusCode());
                long[] ids = http.setupConcert(7);
                HttpResponse<String> seats = http.get("/api/concerts/options/" + ids[1] + "/seats");
                assertEquals(7, seats.body().split("\"status\":\"AVAILABLE\"", -1).length - 1, seats.body());
                assertEquals(400, http.post("/api/concerts/setup", "{\"seatCount\":0}").statusCode());
            }
        }
        ports.forEach(port -> assertFalse(FreePort.isListening("127.0.0.1", port), "stopped: " + port));
    }
}
