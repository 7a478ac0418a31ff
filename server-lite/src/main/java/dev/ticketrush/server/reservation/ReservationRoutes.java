package dev.ticketrush.server.reservation;

import dev.ticketrush.server.http.RequestInput;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import static dev.ticketrush.server.http.RequestInput.requiredId;

/** Handlers of the synchronous reservation endpoints (contract steps 1-3) and of reading and cancelling. */
public final class ReservationRoutes {

    /** The three synchronous strategies. */
    public record Strategies(Reserver optimistic, Reserver pessimistic, Reserver distributedLock) {
    }

    private final Strategies strategies;
    private final ReservationStore reservations;
    private final RequestInput input;

    public ReservationRoutes(Strategies strategies, ReservationStore reservations, RequestInput input) {
        this.strategies = strategies;
        this.reservations = reservations;
        this.input = input;
    }

    public void optimistic(Context ctx) {
        reserve(ctx, strategies.optimistic());
    }

    public void pessimistic(Context ctx) {
        reserve(ctx, strategies.pessimistic());
    }

    public void distributedLock(Context ctx) {
        reserve(ctx, strategies.distributedLock());
    }

    public void ofUser(Context ctx) {
        ctx.json(reservations.ofUser(input.pathId(ctx, "userId")));
    }

    public void cancel(Context ctx) {
        reservations.cancel(input.pathId(ctx, "reservationId"));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void reserve(Context ctx, Reserver reserver) {
        ReservationRequest request = input.body(ctx, ReservationRequest.class);
        long userId = requiredId(request.userId(), "userId");
        long seatId = requiredId(request.seatId(), "seatId");
        ctx.json(reserver.reserve(userId, seatId));
    }
}
