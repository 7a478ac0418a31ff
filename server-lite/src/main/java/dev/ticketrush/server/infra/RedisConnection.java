package dev.ticketrush.server.infra;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Opens the Redis clients for a {@code redis://host:port[/db]} URL. Keys and values are plain strings, as outside tools expect. */
public final class RedisConnection {

    private RedisConnection() {
    }

    public static RedissonClient open(String redisUrl) {
        URI uri = URI.create(redisUrl);
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.useSingleServer()
                .setAddress("redis://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort()))
                .setDatabase(databaseIndex(uri))
                .setConnectionMinimumIdleSize(4)
                .setConnectionPoolSize(64)
                // a Redis that does not answer within a second is down for this request: 503, not a 15 s wait
                .setConnectTimeout(1_000)
                .setTimeout(800)
                .setRetryAttempts(0);
        return Redisson.create(config);
    }

    /** Blocking connections for the Lua scripts of the hot paths, with the same deadlines as {@link #open}. */
    public static JedisPooled openForScripts(String redisUrl) {
        URI uri = URI.create(redisUrl);
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(96);
        pool.setMaxIdle(96);
        pool.setMinIdle(4);
        // every connection busy this long is an overloaded Redis: 503, not an ever longer queue of waiting buyers
        pool.setMaxWait(Duration.ofSeconds(2));
        return new JedisPooled(pool, new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()),
                DefaultJedisClientConfig.builder().database(databaseIndex(uri)).connectionTimeoutMillis(1_000).socketTimeoutMillis(800).build());
    }

    public static int databaseIndex(String redisUrl) {
        return databaseIndex(URI.create(redisUrl));
    }

    private static int databaseIndex(URI uri) {
        String path = uri.getPath();
        return path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
    }

    public static boolean answers(RedissonClient redis) {
        try {
            return redis.getRedisNodes(RedisNodes.SINGLE).pingAll(500, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
