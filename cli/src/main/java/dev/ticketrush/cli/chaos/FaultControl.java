package dev.ticketrush.cli.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ticketrush.embedded.StackFaults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * The stack's faults over HTTP on loopback, for {@code rush --chaos}: {@code GET /} lists the services that can be
 * taken away, {@code POST /outage/{service}?seconds=N} takes one away for N seconds (202), 409 while it is already down.
 */
public final class FaultControl implements AutoCloseable {

    private final StackFaults faults;
    private final HttpServer http;
    private final ObjectMapper json = new ObjectMapper();

    public FaultControl(StackFaults faults) {
        this.faults = faults;
        try {
            this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException("could not open the fault control port: " + e.getMessage(), e);
        }
        http.createContext("/", this::handle);
        http.start();
    }

    /** Where {@code rush --faults} reaches this control. */
    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.equals("/")) {
                answer(exchange, 200, Map.of("services", Arrays.stream(StackFaults.Service.values()).map(StackFaults.Service::label).toList()));
            } else if (exchange.getRequestMethod().equals("POST") && path.startsWith("/outage/")) {
                strike(exchange, path.substring("/outage/".length()), exchange.getRequestURI());
            } else {
                answer(exchange, 404, Map.of("message", "GET / or POST /outage/{postgres|redis|kafka}?seconds=N"));
            }
        }
    }

    private void strike(HttpExchange exchange, String service, URI uri) throws IOException {
        try {
            Duration outage = Duration.ofMillis(Math.round(seconds(uri) * 1000));
            answer(exchange, 202, Map.of("outage", faults.strike(StackFaults.Service.parse(service), outage)));
        } catch (IllegalArgumentException e) {
            answer(exchange, 400, Map.of("message", e.getMessage()));
        } catch (IllegalStateException e) {
            answer(exchange, 409, Map.of("message", e.getMessage()));
        }
    }

    private static double seconds(URI uri) {
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("seconds=")) {
                try {
                    double seconds = Double.parseDouble(pair.substring("seconds=".length()));
                    if (seconds > 0 && seconds <= 600) return seconds;
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
        }
        throw new IllegalArgumentException("seconds must be given, more than 0 and at most 600");
    }

    private void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
