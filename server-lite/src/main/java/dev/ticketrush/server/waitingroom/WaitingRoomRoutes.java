package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.concert.UnknownConcert;
import dev.ticketrush.server.http.BadRequest;
import dev.ticketrush.server.http.RequestInput;
import dev.ticketrush.server.http.SseStream;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongPredicate;

import static dev.ticketrush.server.http.RequestInput.requiredId;

/** Handlers of contract steps 5-7 (join, status, subscribe), the overview, the throttle admin and direct admissions. */
public final class WaitingRoomRoutes {

    private static final int MAX_ADMISSIONS = 10_000;
    private static final long MAX_ADMISSION_SECONDS = 3_600;

    private final WaitingRoom room;
    private final RankBroadcaster broadcaster;
    private final LongPredicate concertExists;
    private final RequestInput input;

    public WaitingRoomRoutes(WaitingRoom room, RankBroadcaster broadcaster, LongPredicate concertExists, RequestInput input) {
        this.room = room;
        this.broadcaster = broadcaster;
        this.concertExists = concertExists;
        this.input = input;
    }

    public void join(Context ctx) {
        JoinRequest request = input.body(ctx, JoinRequest.class);
        long userId = requiredId(request.userId(), "userId");
        ctx.json(room.join(userId, knownConcert(requiredId(request.concertId(), "concertId"))));
    }

    public void status(Context ctx) {
        long userId = input.queryId(ctx, "userId");
        ctx.json(room.status(userId, knownConcert(input.queryId(ctx, "concertId"))));
    }

    public void overview(Context ctx) {
        ctx.json(room.overview(knownConcert(input.queryId(ctx, "concertId"))));
    }

    public void throttle(Context ctx) {
        ctx.json(room.throttle(knownConcert(input.pathId(ctx, "concertId"))));
    }

    public void configure(Context ctx) {
        long concertId = knownConcert(input.pathId(ctx, "concertId"));
        room.configure(concertId, input.body(ctx, Throttle.class).validated());
        ctx.json(room.throttle(concertId));
    }

    /** Admits buyers at once, for tools that used to write {@code active-user:} keys themselves. */
    public void admit(Context ctx) {
        AdmissionRequest request = input.body(ctx, AdmissionRequest.class);
        List<Long> users = RequestInput.required(request.userIds(), "userIds");
        if (users.isEmpty() || users.size() > MAX_ADMISSIONS) throw new BadRequest("userIds must name 1.." + MAX_ADMISSIONS + " buyers");
        users.forEach(user -> requiredId(user, "userIds"));
        long seconds = request.ttlSeconds() == null ? room.admissionTtl().toSeconds() : request.ttlSeconds();
        if (seconds < 1 || seconds > MAX_ADMISSION_SECONDS) throw new BadRequest("ttlSeconds must be 1.." + MAX_ADMISSION_SECONDS);
        ctx.json(new Admitted(room.admit(users, Duration.ofSeconds(seconds)), seconds));
    }

    /** The answer of {@code POST /api/admin/admissions}. */
    public record Admitted(int admitted, long ttlSeconds) {
    }

    /** INIT, the current state at once, then every change the broadcaster sees, and KEEPALIVE every 15 s. */
    public void subscribe(Context ctx) throws IOException, InterruptedException {
        long userId = input.queryId(ctx, "userId");
        long concertId = knownConcert(input.queryId(ctx, "concertId"));
        RankBroadcaster.Watcher watcher = broadcaster.watch(userId, concertId);
        try {
            SseStream stream = SseStream.open(ctx);
            if (!stream.send("INIT", "Connected for Queue: " + concertId)) return;
            RankBroadcaster.Frame current = broadcaster.current(watcher);
            if (!stream.send(current.event(), current.data())) return;
            for (RankBroadcaster.Frame next; (next = stream.next(watcher.frames())) != null; ) {
                if (!stream.send(next.event(), next.data())) return;
            }
        } finally {
            broadcaster.unwatch(watcher);
        }
    }

    private long knownConcert(long concertId) {
        if (!concertExists.test(concertId)) throw new UnknownConcert(concertId);
        return concertId;
    }
}
