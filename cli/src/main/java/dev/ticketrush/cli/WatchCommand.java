package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.cli.api.ApiClient;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Tail a buyer's waiting-room stream (SSE): one line per event with rank, estimated wait and admission TTL.",
                "Reconnects with backoff if the server goes away; exits 0 when the buyer becomes ACTIVE, or on Ctrl-C."})
final class WatchCommand implements Callable<Integer> {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Option(names = "--concert", required = true, description = "Concert whose waiting room to watch.")
    long concertId;

    @Option(names = "--user", required = true, description = "The buyer (user id) to follow.")
    long userId;

    @Option(names = "--join", description = "Join the waiting room first (keeps the original place if already in line).")
    boolean join;

    @Option(names = "--give-up-after", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop with exit code 1 if not ACTIVE after this many seconds; 0 waits forever (default: ${DEFAULT-VALUE}).")
    long giveUpAfter;

    /** What the stream listener hands to the command's thread. */
    private sealed interface Signal {
        record Event(String type, String data) implements Signal { }
        record Lost(String why) implements Signal { }
    }

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ApiClient api = client.api();
        if (join) out.println(line("JOIN", api.joinWaitingRoom(userId, concertId).toString()));
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(45)).retryOnConnectionFailure(true).build();
        long deadline = giveUpAfter > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(giveUpAfter) : Long.MAX_VALUE;
        Duration backoff = Duration.ofMillis(500);
        try {
            while (System.nanoTime() < deadline) {
                BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
                EventSource stream = open(http, api.baseUrl(), signals);
                try {
                    Signal signal;
                    while ((signal = signals.poll(Math.min(1_000, remainingMillis(deadline)), TimeUnit.MILLISECONDS)) != null || System.nanoTime() < deadline) {
                        if (signal == null) continue;
                        if (signal instanceof Signal.Lost lost) {
                            out.println(line("RETRY", lost.why() + "; reconnecting in " + backoff.toMillis() + " ms"));
                            out.flush();
                            break;
                        }
                        var event = (Signal.Event) signal;
                        out.println(line(event.type(), describe(event)));
                        out.flush();
                        backoff = Duration.ofMillis(500);
                        if ("ACTIVE".equals(event.type())) return 0;
                    }
                } finally {
                    stream.cancel();
                }
                Thread.sleep(Math.min(backoff.toMillis(), remainingMillis(deadline)));
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        out.println(line("GAVE UP", "not ACTIVE after " + giveUpAfter + " s"));
        return CliFailure.CHECK_FAILED;
    }

    private EventSource open(OkHttpClient http, String baseUrl, BlockingQueue<Signal> signals) {
        Request request = new Request.Builder()
                .url(baseUrl + "/api/v1/waiting-queue/subscribe?userId=" + userId + "&concertId=" + concertId)
                .header("Accept", "text/event-stream")
                .build();
        return EventSources.createFactory(http).newEventSource(request, new EventSourceListener() {
            @Override
            public void onEvent(EventSource source, String id, String type, String data) {
                signals.add(new Signal.Event(type == null ? "message" : type, data));
            }

            @Override
            public void onClosed(EventSource source) {
                signals.add(new Signal.Lost("server closed the stream"));
            }

            @Override
            public void onFailure(EventSource source, Throwable t, Response response) {
                String why = response != null ? "HTTP " + response.code() : t == null ? "stream failed" : t.getClass().getSimpleName();
                signals.add(new Signal.Lost("connection lost (" + why + ")"));
            }
        });
    }

    private String describe(Signal.Event event) {
        if (!event.data().startsWith("{")) return event.data();
        try {
            JsonNode data = json.readTree(event.data());
            return switch (event.type()) {
                case "RANK_UPDATE" -> data.path("status").asText() + (data.path("rank").asLong() > 0 ? ", rank " + data.path("rank").asLong() : "")
                        + estimatedWait(data);
                case "ACTIVE" -> "admitted: may buy for " + data.path("activeTtlSeconds").asLong() + " s";
                case "KEEPALIVE" -> "still connected";
                default -> event.data();
            };
        } catch (java.io.IOException e) {
            return event.data();
        }
    }

    private static String estimatedWait(JsonNode data) {
        return data.hasNonNull("estimatedWaitSeconds") ? ", about " + data.get("estimatedWaitSeconds").asLong() + " s to wait" : "";
    }

    private static String line(String event, String text) {
        return LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + String.format("%-12s", event) + " " + text;
    }

    private static long remainingMillis(long deadline) {
        return deadline == Long.MAX_VALUE ? 1_000 : Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
