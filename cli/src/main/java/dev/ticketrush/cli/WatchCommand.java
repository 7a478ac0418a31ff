package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.client.SseReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Tail a buyer's waiting-room stream (SSE), or without --user watch the whole room like top.",
                "With --user: one line per event with rank, estimated wait and admission TTL.",
                "Exits 0 when the buyer becomes ACTIVE; 1 when --give-up-after runs out first; 2 with one line when the concert is unknown,",
                "the buyer is not in the line, or the server cannot be reached after a few retries. A lost stream is reopened with backoff.",
                "Without --user: waiting, active, admitted/s, sold/available and the wait of the last in line, refreshed in place."})
final class WatchCommand implements Callable<Integer> {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final int MAX_CONNECT_FAILURES = 5;

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Option(names = "--concert", required = true, description = "Concert whose waiting room to watch.")
    long concertId;

    @Option(names = "--user", description = "The buyer (user id) to follow; without it, a live view of the whole room.")
    Long userId;

    @Option(names = "--every", paramLabel = "SECONDS", defaultValue = "1",
            description = "Without --user: seconds between refreshes of the room's view (default: ${DEFAULT-VALUE}).")
    long every;

    @Option(names = "--for", paramLabel = "SECONDS", defaultValue = "0",
            description = "Without --user: stop after this many seconds with exit 0; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    long lasting;

    @Option(names = "--join", description = "Join the waiting room first (keeps the original place if already in line).")
    boolean join;

    @Option(names = "--give-up-after", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop with exit code 1 if not ACTIVE after this many seconds; 0 waits forever (default: ${DEFAULT-VALUE}).")
    long giveUpAfter;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ApiClient api = client.api();
        if (userId == null) {
            if (join) throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "--join needs --user: the buyer who joins");
            if (every < 1 || lasting < 0) throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "--every must be at least 1 and --for at least 0");
            new RoomDashboard(api, concertId, out, System.console() != null).show(Duration.ofSeconds(every), Duration.ofSeconds(lasting));
            return 0;
        }
        if (join) say(out, "JOIN", api.joinWaitingRoom(userId, concertId).toString());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(api.baseUrl() + "/api/v1/waiting-queue/subscribe?userId=" + userId + "&concertId=" + concertId);
        long deadline = giveUpAfter > 0 ? System.nanoTime() + Duration.ofSeconds(giveUpAfter).toNanos() : Long.MAX_VALUE;
        Duration backoff = Duration.ofMillis(500);
        int failures = 0;
        while (System.nanoTime() < deadline) {
            try (SseReader stream = SseReader.open(http, uri, Duration.ofMinutes(2))) {
                failures = 0;
                boolean first = true;
                for (SseReader.Frame frame; (frame = stream.next(until(deadline))) != null; ) {
                    say(out, frame.event(), describe(frame));
                    if ("ACTIVE".equals(frame.event())) return 0;
                    if (first && "RANK_UPDATE".equals(frame.event()) && frame.data().contains("\"status\":\"NONE\"")) {
                        throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "buyer " + userId + " is not in the line of concert " + concertId
                                + " and not admitted; join it with --join");
                    }
                    if (!"INIT".equals(frame.event())) first = false;
                    backoff = Duration.ofMillis(500);
                }
                if (stream.ended()) say(out, "RETRY", "the stream ended; reopening in " + backoff.toMillis() + " ms");
            } catch (SseReader.Refused refused) {
                throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, refused.status() == 404
                        ? "concert " + concertId + " does not exist on " + api.baseUrl() : refused.getMessage());
            } catch (IOException unreachable) {
                if (++failures >= MAX_CONNECT_FAILURES) {
                    throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "cannot reach the server at " + api.baseUrl() + " after "
                            + failures + " tries (" + unreachable.getClass().getSimpleName() + ")");
                }
                say(out, "RETRY", "connection lost (" + unreachable.getClass().getSimpleName() + "); reconnecting in " + backoff.toMillis() + " ms");
            }
            Thread.sleep(Math.min(backoff.toMillis(), until(deadline).toMillis()));
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        say(out, "GAVE UP", "not ACTIVE after " + giveUpAfter + " s");
        return CliFailure.CHECK_FAILED;
    }

    private String describe(SseReader.Frame frame) {
        if (!frame.data().startsWith("{")) return frame.data();
        try {
            JsonNode data = json.readTree(frame.data());
            return switch (frame.event()) {
                case "RANK_UPDATE" -> data.path("status").asText() + (data.path("rank").asLong() > 0 ? ", rank " + data.path("rank").asLong() : "")
                        + ("WAITING".equals(data.path("status").asText()) ? ", about " + data.path("estimatedWaitSeconds").asLong() + " s to wait" : "");
                case "ACTIVE" -> "admitted: may buy for " + data.path("activeTtlSeconds").asLong() + " s";
                case "KEEPALIVE" -> "still connected";
                default -> frame.data();
            };
        } catch (IOException unreadable) {
            return frame.data();
        }
    }

    private static void say(PrintWriter out, String event, String text) {
        out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + String.format("%-12s", event) + " " + text);
        out.flush();
    }

    private static Duration until(long deadline) {
        return deadline == Long.MAX_VALUE ? Duration.ofMinutes(1) : Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }
}
