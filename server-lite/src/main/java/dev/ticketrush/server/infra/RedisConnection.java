package dev.ticketrush.server.infra;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/** Opens the Redisson client for a {@code redis://host:port[/db]} URL. Keys and values are plain strings, as outside tools expect. */
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
