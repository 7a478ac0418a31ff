package dev.ticketrush.server.waitingroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketrush.server.concert.UnknownConcert;
import dev.ticketrush.server.http.BadRequest;
import dev.ticketrush.server.http.ClientAddress;
import dev.ticketrush.server.http.RequestInput;
import dev.ticketrush.server.http.SseStream;
import dev.ticketrush.server.http.StreamQuota;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import static dev.ticketrush.server.http.RequestInput.requiredId;

/** Handlers of contract steps 5-7 (join, status, subscribe), the overview, the throttle admin and direct admissions. */
public final class WaitingRoomRoutes {

    private static final int MAX_ADMISSIONS = 10_000;
    private static final long MAX_ADMISSION_SECONDS = 3_600;

    private final WaitingRoom room;
    private final RankBroadcaster broadcaster;
    private final AdmissionCheck admission;
    private final JoinRateLimit joinLimit;
    private final StreamQuota streams;
    private final ClientAddress clients;
    private final LongPredicate concertExists;
    private final RequestInput input;

    /** The routes' collaborators: the line, its pushes and its rules, and the limits on what one client may do. */
    public record Parts(WaitingRoom room, RankBroadcaster broadcaster, AdmissionCheck admission, JoinRateLimit joinLimit, StreamQuota streams,
                        ClientAddress clients, LongPredicate concertExists) {
    }

    public WaitingRoomRoutes(Parts parts, RequestInput input) {
        this.room = parts.room();
        this.broadcaster = parts.broadcaster();
        this.admission = parts.admission();
        this.joinLimit = parts.joinLimit();
        this.streams = parts.streams();
        this.clients = parts.clients();
        this.concertExists = parts.concertExists();
        this.input = input;
    }

    public void join(Context ctx) {
        String client = clients.of(ctx);
        joinLimit.acquire(client, ClientAddress.isLoopback(client));
        JoinRequest request = input.body(ctx, JoinRequest.class);
        long userId = requiredId(request.userId(), "userId");
        QueuePosition position = room.join(userId, knownConcert(requiredId(request.concertId(), "concertId")));
        ctx.json(QueuePosition.ACTIVE.equals(position.status()) ? withToken(position) : position);
    }

    public void status(Context ctx) {
        long userId = input.queryId(ctx, "userId");
        ctx.json(withToken(room.status(userId, knownConcert(input.queryId(ctx, "concertId")))));
    }

    /** In signed admission mode an ACTIVE answer carries the buyer's token; the admission's time left bounds it. */
    private QueuePosition withToken(QueuePosition position) {
        if (!admission.issuesTokens() || !QueuePosition.ACTIVE.equals(position.status())) return position;
        String token = admission.tokenFor(position, room.standing(position.userId(), position.concertId()).admissionMsLeft() / 1000);
        return token == null ? position : position.withToken(token);
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
        int admitted = room.admit(users, Duration.ofSeconds(seconds));
        Map<Long, String> tokens = null;
        if (admission.issuesTokens() && request.concertId() != null) {
            long concertId = knownConcert(requiredId(request.concertId(), "concertId"));
            tokens = new LinkedHashMap<>();
            for (long user : users) tokens.put(user, admission.tokenFor(new QueuePosition(user, concertId, QueuePosition.ACTIVE, 0), seconds));
        }
        ctx.json(new Admitted(admitted, seconds, tokens));
    }

    /** The answer of {@code POST /api/admin/admissions}; in signed mode, with a concert named, each buyer's token. */
    public record Admitted(int admitted, long ttlSeconds, @JsonInclude(JsonInclude.Include.NON_NULL) Map<Long, String> tokens) {
    }

    /** INIT, the current state at once, then every change the broadcaster sees, and KEEPALIVE every 15 s. */
    public void subscribe(Context ctx) {
        long userId = input.queryId(ctx, "userId");
        long concertId = knownConcert(input.queryId(ctx, "concertId"));
        SseStream.detach(ctx, streams.open(clients.of(ctx)), () -> follow(ctx, userId, concertId));
    }

    private void follow(Context ctx, long userId, long concertId) throws IOException, InterruptedException {
        RankBroadcaster.Watcher watcher = broadcaster.watch(userId, concertId);
        try {
            // read before the 200 goes out: a Redis that does not answer is a 503, not a stream broken after its headers
            RankBroadcaster.Frame current = broadcaster.current(watcher);
            SseStream stream = SseStream.open(ctx);
            if (!stream.send("INIT", "Connected for Queue: " + concertId)) return;
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
