package dev.ticketrush.server.infra;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The PostgreSQL pool, migrated by Flyway on open where a migration is missing; the only source of truth for seats. */
public final class Database implements AutoCloseable {

    /** A piece of JDBC work run on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A request waits this long for a pooled connection, then gets a 503: an exhausted pool is an overload, not a hang. */
    private static final long CONNECTION_WAIT_MS = 1_000;
    /** HikariCP checks a connection idle for half a second before lending it; its default 5 s made a stalled server a 5 s wait. */
    private static final long CONNECTION_CHECK_MS = 1_000;
    /** Longer than any honest statement, the row-lock wait included: a statement stuck on a dead server is cut off. */
    private static final String SOCKET_TIMEOUT_SECONDS = "15";

    private final HikariDataSource pool;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final MetricsTrackerFactory metrics;

    /** A pool of {@code poolSize} connections on a database migrated to the latest schema first. */
    public Database(String jdbcUrl, String user, String password, int poolSize) {
        this(jdbcUrl, user, password, poolSize, null);
    }

    /** Likewise, each pool reporting its usage to {@code metrics} (HikariCP's own Micrometer support) when given. */
    public Database(String jdbcUrl, String user, String password, int poolSize, MetricsTrackerFactory metrics) {
        this(jdbcUrl, user, password, poolSize, "ticket-rush-db", true, metrics);
    }

    /** Another pool on the same database, for work that must not wait behind the first pool's (the async worker's). */
    public Database secondPool(String name, int poolSize) {
        return new Database(jdbcUrl, user, password, poolSize, name, false, metrics);
    }

    private Database(String jdbcUrl, String user, String password, int poolSize, String name, boolean migrate, MetricsTrackerFactory metrics) {
        this.metrics = metrics;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName(name);
        if (metrics != null) config.setMetricsTrackerFactory(metrics);
        config.setConnectionTimeout(CONNECTION_WAIT_MS);
        config.setValidationTimeout(CONNECTION_CHECK_MS);
        config.setInitializationFailTimeout(15_000);
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
        config.addDataSourceProperty("tcpKeepAlive", "true");
        this.pool = new HikariDataSource(config);
        try {
            if (migrate) SchemaMigrations.apply(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseFailure(e);
        }
    }

    /** Runs work on one auto-committing connection. */
    public <T> T read(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseFailure(e);
        }
    }

    /** Rolls back; a connection that broke with the failure cannot, and must not hide the failure that broke it. */
    private static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException brokenToo) {
            failure.addSuppressed(brokenToo);
        }
    }

    /** Whether PostgreSQL answers on a connection of its own: a busy pool does not make the database look down. */
    public boolean answers() {
        try (Connection connection = unpooled(1)) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** A connection outside the pool, for a caller that holds it for long (a LISTEN); reads time out after {@code socketTimeoutSeconds}. */
    public Connection unpooled(int socketTimeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "1");
        properties.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    @Override
    public void close() {
        pool.close();
    }
}
