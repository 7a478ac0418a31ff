package dev.ticketrush.cli.api;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How the client meets a server that refuses for a moment; the server here is a stand-in answering 503 on cue. */
class ApiClientTest {

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void aReadRefusedWith503IsAskedAgainAfterItsRetryAfter() throws IOException {
        ApiClient api = serverRefusing(2);
        assertEquals(List.of(), api.concerts());
        assertEquals(3, requests.get());
    }

    @Test
    void aReadStillRefusedAfterThreeRetriesFailsWithThe503() throws IOException {
        ApiClient api = serverRefusing(Integer.MAX_VALUE);
        ApiError error = assertThrows(ApiError.class, api::concerts);
        assertEquals(503, error.status());
        assertEquals(4, requests.get());
    }

    @Test
    void aWriteRefusedWith503IsNotSentAgain() throws IOException {
        ApiClient api = serverRefusing(Integer.MAX_VALUE);
        assertThrows(ApiError.class, () -> api.cleanup(1));
        assertEquals(1, requests.get());
    }

    private ApiClient serverRefusing(int refusals) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean refuse = requests.incrementAndGet() <= refusals;
            byte[] body = (refuse ? "{\"status\":503,\"message\":\"PostgreSQL is too busy\"}" : "[]").getBytes(StandardCharsets.UTF_8);
            if (refuse) exchange.getResponseHeaders().add("Retry-After", "0.2");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(refuse ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new ApiClient("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
