package dev.ticketrush.server.reservation;

/** One synchronous way of selling a seat, in a transaction of its own: answers the committed reservation or throws. */
public interface Reserver {

    Reservation reserve(long userId, long seatId);
}
