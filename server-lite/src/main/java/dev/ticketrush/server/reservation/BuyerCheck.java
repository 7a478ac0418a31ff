package dev.ticketrush.server.reservation;

import io.javalin.http.Context;

/** Whether a reservation request may act for its buyer: throws when it may not. The waiting room decides. */
@FunctionalInterface
public interface BuyerCheck {

    void verify(Context ctx, long userId, long seatId);
}
