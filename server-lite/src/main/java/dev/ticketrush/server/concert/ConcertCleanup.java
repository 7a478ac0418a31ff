package dev.ticketrush.server.concert;

import java.sql.Connection;
import java.sql.SQLException;

/** What another feature keeps of a concert, removed in the transaction that removes the concert. */
@FunctionalInterface
public interface ConcertCleanup {

    void remove(Connection c, long concertId) throws SQLException;
}
