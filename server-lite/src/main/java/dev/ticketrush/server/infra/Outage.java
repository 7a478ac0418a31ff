package dev.ticketrush.server.infra;

import org.apache.kafka.common.errors.RetriableException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisNodeNotFoundException;
import org.redisson.client.RedisOutOfMemoryException;
import org.redisson.client.RedisReconnectedException;
import org.redisson.client.RedisRetryException;
import org.redisson.client.RedisTimeoutException;

import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a dependency being down or overloaded (answered 503, logged once per outage by {@link DependencyHealth}) from
 * a failure of our own (a bug, logged every time): it names the dependency an exception comes from, if it is one.
 */
public final class Outage {

    /** PostgreSQL's SQLStates of a connection gone or refused: admin or crash shutdown, cannot connect now, too many clients. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private Outage() {
    }

    /** The dependency whose unavailability {@code failure} (or one of its causes) shows, if any. */
    public static Optional<String> dependencyOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DependencyUnavailable unavailable) return Optional.of(unavailable.dependency());
            if (isRedisOutage(cause)) return Optional.of("redis");
            if (isPostgresOutage(cause)) return Optional.of("postgres");
            if (cause instanceof RetriableException || cause instanceof org.apache.kafka.common.errors.TimeoutException) return Optional.of("kafka");
        }
        return Optional.empty();
    }

    private static boolean isRedisOutage(Throwable cause) {
        if (cause instanceof JedisConnectionException) return true;
        // Jedis' pool found no free connection in time: Redis is too slow to answer
        if (cause instanceof JedisException && cause.getCause() instanceof NoSuchElementException) return true;
        return cause instanceof RedisConnectionException || cause instanceof RedisTimeoutException || cause instanceof RedisRetryException
                || cause instanceof RedisNodeNotFoundException || cause instanceof RedisReconnectedException || cause instanceof RedisOutOfMemoryException;
    }

    private static boolean isPostgresOutage(Throwable cause) {
        if (cause instanceof SQLTransientConnectionException) return true;
        if (!(cause instanceof SQLException sql) || sql.getSQLState() == null) return false;
        return sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState());
    }
}
