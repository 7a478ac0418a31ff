package dev.ticketrush.server.reservation;

/** One way of selling a seat: answers the reservation, or throws a 404/409 exception of this package. */
public interface Reserver {

    Reservation reserve(long userId, long seatId);
}
