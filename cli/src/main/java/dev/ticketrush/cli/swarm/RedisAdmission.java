package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.CliFailure;
import dev.ticketrush.server.infra.RedisKeys;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

import java.net.URI;
import java.util.Map;

/**
 * Admits buyers the way the original service's scripts did: {@code active-user:{userId}} keys written straight into
 * the server's Redis. Only for servers without the admissions endpoint; server-lite admits through its API.
 */
public final class RedisAdmission implements Admission {

    private final String redisUrl;

    public RedisAdmission(String redisUrl) {
        this.redisUrl = redisUrl;
    }

    @Override
    public Map<Long, String> admit(long[] userIds, long concertId) {
        try (JedisPooled redis = new JedisPooled(URI.create(redisUrl))) {
            var pipeline = redis.pipelined();
            for (long userId : userIds) pipeline.setex(RedisKeys.active(userId), TTL_SECONDS, "1");
            pipeline.sync();
            return Map.of();
        } catch (JedisException | IllegalArgumentException e) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "cannot admit buyers through Redis at " + redisUrl + " (" + e.getMessage() + ")");
        }
    }
}
