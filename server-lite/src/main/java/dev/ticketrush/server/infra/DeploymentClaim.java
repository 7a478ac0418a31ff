package dev.ticketrush.server.infra;

import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One deployment per Redis database. Redis keys are named by database ids, so a Redis that served another database
 * would lend its admissions, lines and statuses to ours: the claim in {@link RedisKeys#DEPLOYMENT} names the database
 * this Redis database serves, a server of another database refuses to start, and a server whose claim is taken
 * over stops trusting Redis ({@link #held()} turns false).
 */
public final class DeploymentClaim implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentClaim.class);
    private static final long RECHECK_SECONDS = 5;

    /** A database's identity: the random id its first migration stored, and where it lives (without credentials). */
    public record Deployment(String id, String database) {
        String claim() {
            return id + " " + database;
        }
    }

    private final RBucket<String> key;
    private final Deployment deployment;
    private final ScheduledExecutorService recheck = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("deployment-claim").daemon().unstarted(runnable));
    private volatile boolean held = true;

    /** Claims the Redis database for {@code deployment}, first deleting every Ticket-Rush key in it when {@code reset}. */
    public DeploymentClaim(RedissonClient redis, Deployment deployment, String redisUrl, boolean reset) {
        this.key = redis.getBucket(RedisKeys.DEPLOYMENT, StringCodec.INSTANCE);
        this.deployment = deployment;
        if (reset) RedisKeys.ALL_PATTERNS.forEach(pattern -> redis.getKeys().deleteByPattern(pattern));
        String owner = key.get();
        if (owner == null && holdsTicketRushKeys(redis)) {
            throw refusal(redisUrl, "holds Ticket-Rush keys of a deployment that did not sign them (an older server or the original service)");
        }
        if (owner == null && !key.setIfAbsent(deployment.claim())) owner = key.get();
        if (owner != null && !ownedByUs(owner)) throw refusal(redisUrl, "already serves the database " + owner.substring(owner.indexOf(' ') + 1));
        recheck.scheduleWithFixedDelay(this::recheck, RECHECK_SECONDS, RECHECK_SECONDS, TimeUnit.SECONDS);
    }

    /** Reads the deployment id the database's migration stored. */
    public static Deployment identify(Database db, String jdbcUrl) {
        String id = db.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT id::text FROM deployment"); ResultSet rows = query.executeQuery()) {
                if (!rows.next()) throw new IllegalStateException("the database has no deployment id; was it migrated?");
                return rows.getString(1);
            }
        });
        int params = jdbcUrl.indexOf('?');
        return new Deployment(id, params < 0 ? jdbcUrl : jdbcUrl.substring(0, params));
    }

    public String deploymentId() {
        return deployment.id();
    }

    /** False once another deployment took the Redis database over: this instance must not read or write it any more. */
    public boolean held() {
        return held;
    }

    private boolean ownedByUs(String owner) {
        return owner.startsWith(deployment.id() + " ") || owner.equals(deployment.id());
    }

    /** Re-claims a Redis that restarted empty; notices a claim taken over by another deployment. */
    private void recheck() {
        try {
            if (key.setIfAbsent(deployment.claim())) {
                LOG.warn("Redis had lost this deployment's claim (restarted empty?); claimed it again");
                return;
            }
            String owner = key.get();
            if (owner != null && !ownedByUs(owner) && held) {
                held = false;
                LOG.error("Redis now serves another deployment ({}); this instance answers 503 until restarted", owner);
            }
        } catch (RuntimeException e) {
            LOG.debug("deployment claim check failed: {}", e.toString());
        }
    }

    private static boolean holdsTicketRushKeys(RedissonClient redis) {
        return RedisKeys.ALL_PATTERNS.stream().anyMatch(pattern -> redis.getKeys().getKeysStreamByPattern(pattern, 1_000).findAny().isPresent());
    }

    private static IllegalStateException refusal(String redisUrl, String why) {
        return new IllegalStateException("Redis " + redisUrl + " " + why + ": give this server its own Redis database index "
                + "(e.g. --redis-url " + nextIndex(redisUrl) + ") or start it with --reset-redis to delete the Ticket-Rush keys there");
    }

    private static String nextIndex(String redisUrl) {
        java.net.URI uri = java.net.URI.create(redisUrl);
        String path = uri.getPath();
        int index = path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
        return "redis://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort()) + "/" + (index + 1) % 16;
    }

    @Override
    public void close() {
        recheck.shutdownNow();
    }
}
