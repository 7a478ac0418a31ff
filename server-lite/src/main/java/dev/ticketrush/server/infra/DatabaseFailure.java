package dev.ticketrush.server.infra;

import java.sql.SQLException;

/** An unexpected database error; the SQLState lets callers recognise the expected ones. */
public final class DatabaseFailure extends RuntimeException {

    public DatabaseFailure(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }
}
