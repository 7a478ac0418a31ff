package dev.ticketrush.server.asyncqueue;

import dev.ticketrush.server.http.RequestInput;
import dev.ticketrush.server.push.SseStream;
import dev.ticketrush.server.reservation.ReservationRequest;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

import static dev.ticketrush.server.http.RequestInput.requiredId;

/** Handlers of contract step 4: enqueue (202), poll the status key, and (v5) have its changes pushed. */
public final class AsyncReservationRoutes {

    private final ReservationQueue queue;
    private final StatusBoard board;
    private final ReservationStatusPush push;
    private final RequestInput input;

    public AsyncReservationRoutes(ReservationQueue queue, StatusBoard board, ReservationStatusPush push, RequestInput input) {
        this.queue = queue;
        this.board = board;
        this.push = push;
        this.input = input;
    }

    public void enqueueOptimistic(Context ctx) {
        enqueue(ctx, LockType.OPTIMISTIC);
    }

    public void enqueuePessimistic(Context ctx) {
        enqueue(ctx, LockType.PESSIMISTIC);
    }

    public void status(Context ctx) {
        ctx.json(Map.of("status", board.status(input.queryId(ctx, "userId"), input.queryId(ctx, "seatId"))));
    }

    /** v5: pushes RESERVATION_STATUS on every change of the request, starting with its current status, until a terminal one. */
    public void subscribe(Context ctx) throws IOException, InterruptedException {
        long userId = input.queryId(ctx, "userId");
        long seatId = input.queryId(ctx, "seatId");
        BlockingQueue<String> changes = push.subscribe(userId, seatId);
        try {
            SseStream stream = SseStream.open(ctx);
            String status = board.status(userId, seatId);
            if (!AsyncStatus.NOT_FOUND.equals(status) && !stream.send("RESERVATION_STATUS", status)) return;
            while (!AsyncStatus.isTerminal(status)) {
                status = stream.next(changes);
                if (status == null || !stream.send("RESERVATION_STATUS", status)) return;
            }
        } finally {
            push.unsubscribe(userId, seatId, changes);
        }
    }

    private void enqueue(Context ctx, LockType lockType) {
        ReservationRequest request = input.body(ctx, ReservationRequest.class);
        queue.enqueue(new ReservationEvent(requiredId(request.userId(), "userId"), requiredId(request.seatId(), "seatId"), lockType));
        ctx.status(HttpStatus.ACCEPTED).json(Enqueued.of(lockType));
    }
}
