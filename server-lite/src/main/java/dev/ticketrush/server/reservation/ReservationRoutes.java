package dev.ticketrush.server.reservation;

import dev.ticketrush.server.http.RequestInput;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.OptionalLong;
import java.util.function.Predicate;

import static dev.ticketrush.server.http.RequestInput.requiredId;

/** Handlers of the synchronous reservation endpoints (contract steps 1-3) and of reading and cancelling. */
public final class ReservationRoutes {

    /** The three synchronous strategies. */
    public record Strategies(Reserver optimistic, Reserver pessimistic, Reserver distributedLock) {
    }

    private final Strategies strategies;
    private final ReservationStore reservations;
    private final BuyerCheck buyers;
    private final Predicate<Context> admin;
    private final RequestInput input;

    /** @param admin whether a request may act as admin (cancel any reservation) */
    public ReservationRoutes(Strategies strategies, ReservationStore reservations, BuyerCheck buyers, Predicate<Context> admin, RequestInput input) {
        this.strategies = strategies;
        this.reservations = reservations;
        this.buyers = buyers;
        this.admin = admin;
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

    /** Its own buyer (User-Id) may cancel a reservation; without a User-Id, only an admin. */
    public void cancel(Context ctx) {
        long reservationId = input.pathId(ctx, "reservationId");
        String buyer = ctx.header("User-Id");
        if (buyer == null && !admin.test(ctx)) throw new NotOwner(reservationId);
        reservations.cancel(reservationId, buyer == null ? OptionalLong.empty() : OptionalLong.of(buyerId(buyer, reservationId)));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void reserve(Context ctx, Reserver reserver) {
        ReservationRequest request = input.body(ctx, ReservationRequest.class);
        long userId = requiredId(request.userId(), "userId");
        long seatId = requiredId(request.seatId(), "seatId");
        buyers.verify(ctx, userId, seatId);
        ctx.json(reserver.reserve(userId, seatId));
    }

    private static long buyerId(String header, long reservationId) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw new NotOwner(reservationId);
        }
    }
}
