package dev.ticketrush.server.reservation;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database steps of one way of selling a seat, run inside the caller's transaction: answers the reservation
 * it wrote, or throws {@link SaleRefused}, {@link UnknownSeat} or {@code UnknownUser}. The caller commits.
 */
@FunctionalInterface
public interface SeatSale {

    Reservation sell(Connection c, long userId, long seatId) throws SQLException;
}
