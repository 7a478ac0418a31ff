package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.api.ApiError;
import dev.ticketrush.cli.api.ServerUnreachable;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * A concert's waiting room as a live view: redrawn in place on a terminal, like top, one line per refresh otherwise.
 * Everything shown is read from the server's own endpoints at each refresh.
 */
final class RoomDashboard {

    /** Consecutive failed reads after which the server counts as unreachable. */
    private static final int MAX_FAILURES = 3;
    private static final String HOME_AND_CLEAR = "\033[H\033[2J";

    private final ApiClient api;
    private final long concertId;
    private final PrintWriter out;
    private final boolean terminal;

    RoomDashboard(ApiClient api, long concertId, PrintWriter out, boolean terminal) {
        this.api = api;
        this.concertId = concertId;
        this.out = out;
        this.terminal = terminal;
    }

    /** One view per {@code every} until {@code lasting} has passed (zero: until Ctrl-C). */
    void show(Duration every, Duration lasting) throws InterruptedException {
        long end = lasting.isZero() ? Long.MAX_VALUE : System.nanoTime() + lasting.toNanos();
        int failures = 0;
        while (true) {
            try {
                draw(read());
                failures = 0;
            } catch (ServerUnreachable unreachable) {
                if (++failures >= MAX_FAILURES) throw unreachable;
            }
            if (System.nanoTime() + every.toNanos() > end) return;
            Thread.sleep(every);
        }
    }

    /** What the room and the seats look like now. */
    record View(long waiting, long active, double admitsPerSecond, long lastWaitsSeconds, int seats, int sold) {
    }

    private View read() {
        JsonNode room;
        try {
            room = api.waitingRoomOverview(concertId);
        } catch (ApiError notFound) {
            if (notFound.status() == 404) throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "concert " + concertId + " does not exist on " + api.baseUrl());
            throw notFound;
        }
        Api.SeatCount count = api.seatCount(concertId);
        return new View(room.path("waiting").asLong(), room.path("active").asLong(), room.path("admissionsPerSecond").asDouble(),
                room.path("estimatedWaitSecondsForLast").asLong(), count.seats(), count.sold());
    }

    private void draw(View view) {
        String time = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (terminal) {
            out.print(HOME_AND_CLEAR);
            out.printf("Ticket-Rush waiting room · concert %d · %s · %s   (Ctrl-C to quit)%n%n", concertId, api.baseUrl(), time);
            out.printf("  waiting      %8d%n  active       %8d%n  admitted/s   %8.1f%n  sold         %8d / %d  (%d available)%n", view.waiting(),
                    view.active(), view.admitsPerSecond(), view.sold(), view.seats(), view.seats() - view.sold());
            out.printf("  last in line %8s%n", eta(view));
        } else {
            out.printf("%s  waiting %d  active %d  admitted/s %.1f  sold %d / %d  last in line %s%n", time, view.waiting(), view.active(),
                    view.admitsPerSecond(), view.sold(), view.seats(), eta(view));
        }
        out.flush();
    }

    private static String eta(View view) {
        return view.waiting() == 0 ? "nobody waits" : "about " + view.lastWaitsSeconds() + " s";
    }
}
