package dev.ticketrush.server.asyncsale;

import dev.ticketrush.server.http.ClientAddress;
import dev.ticketrush.server.http.RequestInput;
import dev.ticketrush.server.http.SseStream;
import dev.ticketrush.server.http.StreamQuota;
import dev.ticketrush.server.infra.Outage;
import dev.ticketrush.server.reservation.BuyerCheck;
import dev.ticketrush.server.reservation.ReservationRequest;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

import static dev.ticketrush.server.http.RequestInput.requiredId;

/** Handlers of contract step 4-5: accept (202 with a request id), poll the status, have its changes pushed. */
public final class AsyncSaleRoutes {

    private static final String EVENT = "RESERVATION_STATUS";
    private static final int REREAD_ATTEMPTS = 20;
    private static final Duration REREAD_PAUSE = Duration.ofMillis(500);

    private final SaleIntake intake;
    private final StatusLookup lookup;
    private final StatusPush push;
    private final SaleRequests requests;
    private final BuyerCheck buyers;
    private final StreamQuota streams;
    private final ClientAddress clients;
    private final RequestInput input;

    /** The routes' collaborators: intake, answers and pushes of async requests, and who may act and stream. */
    public record Parts(SaleIntake intake, StatusLookup lookup, StatusPush push, SaleRequests requests, BuyerCheck buyers, StreamQuota streams,
                        ClientAddress clients) {
    }

    public AsyncSaleRoutes(Parts parts, RequestInput input) {
        this.intake = parts.intake();
        this.lookup = parts.lookup();
        this.push = parts.push();
        this.requests = parts.requests();
        this.buyers = parts.buyers();
        this.streams = parts.streams();
        this.clients = parts.clients();
        this.input = input;
    }

    public void enqueueOptimistic(Context ctx) {
        enqueue(ctx, LockType.OPTIMISTIC);
    }

    public void enqueuePessimistic(Context ctx) {
        enqueue(ctx, LockType.PESSIMISTIC);
    }

    public void status(Context ctx) {
        ctx.json(lookup.of(subject(ctx)));
    }

    /** v5: RESERVATION_STATUS on every change, starting with the current status, until a final one. */
    public void subscribe(Context ctx) {
        StatusSubject subject = subject(ctx);
        SseStream.detach(ctx, streams.open(clients.of(ctx)), () -> follow(ctx, subject));
    }

    private void follow(Context ctx, StatusSubject subject) throws IOException, InterruptedException {
        BlockingQueue<StatusNews> changes = push.subscribe(subject);
        try {
            SaleStatus status = lookup.of(subject).status(); // before the 200 goes out: an outage is a 503, not a broken stream
            SseStream stream = SseStream.open(ctx);
            if (status != SaleStatus.NOT_FOUND && !stream.send(EVENT, status.name())) return;
            while (!status.terminal()) {
                StatusNews news = stream.next(changes);
                if (news == null) return;
                SaleStatus next = news.maybeMissed() ? reread(subject, status) : news.status();
                if (next == status) continue;
                status = next;
                if (!stream.send(EVENT, status.name())) return;
            }
        } finally {
            push.unsubscribe(subject, changes);
        }
    }

    /** The record's status after news may have been missed, read again for up to 10 s while a dependency is still coming back. */
    private SaleStatus reread(StatusSubject subject, SaleStatus known) throws InterruptedException {
        for (int attempt = 0; attempt < REREAD_ATTEMPTS; attempt++) {
            try {
                return lookup.of(subject).status();
            } catch (RuntimeException e) {
                if (Outage.dependencyOf(e).isEmpty()) throw e;
                Thread.sleep(REREAD_PAUSE);
            }
        }
        return known;
    }

    /** Settled requests of a concert's seats by status. */
    public void countsForConcert(Context ctx) {
        long concertId = input.pathId(ctx, "concertId");
        ctx.json(new ConcertRequests(concertId, requests.countsForConcert(concertId)));
    }

    /** {@code GET /api/concerts/{concertId}/async-requests}. */
    public record ConcertRequests(long concertId, Map<String, Long> byStatus) {
    }

    private StatusSubject subject(Context ctx) {
        if (ctx.queryParam("requestId") != null) return StatusSubject.request(input.queryId(ctx, "requestId"));
        return StatusSubject.pair(input.queryId(ctx, "userId"), input.queryId(ctx, "seatId"));
    }

    private void enqueue(Context ctx, LockType lockType) {
        ReservationRequest request = input.body(ctx, ReservationRequest.class);
        long userId = requiredId(request.userId(), "userId");
        long seatId = requiredId(request.seatId(), "seatId");
        buyers.verify(ctx, userId, seatId);
        long requestId = intake.accept(userId, seatId, lockType);
        ctx.status(HttpStatus.ACCEPTED).json(Enqueued.of(lockType, requestId));
    }
}
