package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.CliFailure;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

import java.net.URI;

/** Admits buyers the way the original service's scripts did: {@code active-user:{userId}} keys written straight to Redis. */
public final class Admission {

    private static final long TTL_SECONDS = 300;

    private Admission() {
    }

    public static void admit(String redisUrl, long[] userIds) {
        try (JedisPooled redis = new JedisPooled(URI.create(redisUrl))) {
            var pipeline = redis.pipelined();
            for (long userId : userIds) pipeline.setex("active-user:" + userId, TTL_SECONDS, "1");
            pipeline.sync();
        } catch (JedisException | IllegalArgumentException e) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "cannot admit buyers through Redis at " + redisUrl + " (" + e.getMessage() + "); pass --redis URL");
        }
    }
}
