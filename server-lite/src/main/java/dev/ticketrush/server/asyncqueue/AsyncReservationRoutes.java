package dev.ticketrush.server.asyncqueue;

import dev.ticketrush.server.http.RequestInput;
import dev.ticketrush.server.reservation.ReservationRequest;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;

import static dev.ticketrush.server.http.RequestInput.requiredId;

/** Handlers of contract step 4: enqueue (202) and poll the status key. */
public final class AsyncReservationRoutes {

    private final ReservationQueue queue;
    private final StatusBoard board;
    private final RequestInput input;

    public AsyncReservationRoutes(ReservationQueue queue, StatusBoard board, RequestInput input) {
        this.queue = queue;
        this.board = board;
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

    private void enqueue(Context ctx, LockType lockType) {
        ReservationRequest request = input.body(ctx, ReservationRequest.class);
        queue.enqueue(new ReservationEvent(requiredId(request.userId(), "userId"), requiredId(request.seatId(), "seatId"), lockType));
        ctx.status(HttpStatus.ACCEPTED).json(Enqueued.of(lockType));
    }
}
