package dev.ticketrush.server.concert;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What another feature keeps of a concert: its rows go in the transaction that removes the concert, and what it
 * keeps elsewhere (Redis keys) goes by the returned step, run once that transaction has committed.
 */
@FunctionalInterface
public interface ConcertCleanup {

    Runnable remove(Connection c, long concertId) throws SQLException;
}
