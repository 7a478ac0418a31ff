package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.concert.ConcertStore;
import dev.ticketrush.server.concert.UnknownConcert;
import dev.ticketrush.server.http.RequestInput;
import dev.ticketrush.server.push.RankBroadcaster;
import dev.ticketrush.server.push.SseStream;
import io.javalin.http.Context;

import java.io.IOException;

import static dev.ticketrush.server.http.RequestInput.requiredId;

/** Handlers of contract steps 5-7 (join, status, subscribe) and of the overview and throttle admin endpoints. */
public final class WaitingRoomRoutes {

    private final WaitingRoom room;
    private final RankBroadcaster broadcaster;
    private final ConcertStore concerts;
    private final RequestInput input;

    public WaitingRoomRoutes(WaitingRoom room, RankBroadcaster broadcaster, ConcertStore concerts, RequestInput input) {
        this.room = room;
        this.broadcaster = broadcaster;
        this.concerts = concerts;
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

    /** INIT, the current state at once, then every change the broadcaster sees, and KEEPALIVE every 15 s. */
    public void subscribe(Context ctx) throws IOException, InterruptedException {
        long userId = input.queryId(ctx, "userId");
        long concertId = knownConcert(input.queryId(ctx, "concertId"));
        RankBroadcaster.Watcher watcher = broadcaster.watch(userId, concertId);
        try {
            SseStream stream = SseStream.open(ctx);
            if (!stream.send("INIT", "Connected for Queue: " + concertId)) return;
            QueuePosition now = room.status(userId, concertId);
            RankBroadcaster.Frame current = broadcaster.current(watcher, now, room.activeTtlSeconds(userId));
            if (!stream.send(current.event(), current.data())) return;
            for (RankBroadcaster.Frame next; (next = stream.next(watcher.frames())) != null; ) {
                if (!stream.send(next.event(), next.data())) return;
            }
        } finally {
            broadcaster.unwatch(watcher);
        }
    }

    private long knownConcert(long concertId) {
        if (!concerts.exists(concertId)) throw new UnknownConcert(concertId);
        return concertId;
    }
}
