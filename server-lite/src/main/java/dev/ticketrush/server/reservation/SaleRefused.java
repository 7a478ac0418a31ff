package dev.ticketrush.server.reservation;

/** A sale that did not happen because of the seat's state, not because of the request: the family of 409 answers. */
public abstract sealed class SaleRefused extends RuntimeException permits SeatTaken, LostRace, SeatHeldByBuyer, SeatLimitReached {

    SaleRefused(String message) {
        super(message);
    }
}
