package dev.ticketrush.server.infra;

import java.util.List;

/**
 * Every Redis key and channel of Ticket-Rush, in one place. The contract's keys keep the original's names, because
 * its scripts write and read them; the rest are server-lite's own. The server and the CLI both name keys here.
 */
public final class RedisKeys {

    /** Prefix of the contract's admission keys; Lua scripts that admit get it from here. */
    public static final String ACTIVE_PREFIX = "active-user:";

    /** Concert ids that have waiters, so the ticker admits for every concert, not one configured id. */
    public static final String ROOMS_WITH_WAITERS = "waiting-rooms";
    /** Which database this Redis database serves: one deployment per Redis database. */
    public static final String DEPLOYMENT = "ticket-rush:deployment";
    /** Every key pattern above and below: what a reset deletes, and nothing else. */
    public static final List<String> ALL_PATTERNS = List.of(ACTIVE_PREFIX + "*", "waiting-queue:*", "waiting-room:*", ROOMS_WITH_WAITERS,
            "reservation:*", "lock:seat:*", "ticket-rush:*");

    private RedisKeys() {
    }

    /** The contract's admission of a buyer: a buyer is admitted while this key exists. */
    public static String active(long userId) {
        return ACTIVE_PREFIX + userId;
    }

    /** The contract's waiting line of a concert: sorted set, member = user id, score = join time in ms. */
    public static String waitingQueue(long concertId) {
        return "waiting-queue:" + concertId;
    }

    /** The contract's async status of a (user, seat) pair: the status of the pair's latest request. */
    public static String pairStatus(long userId, long seatId) {
        return "reservation:status:" + userId + ":" + seatId;
    }

    /** The contract's distributed lock of a seat (Redisson). */
    public static String seatLock(long seatId) {
        return "lock:seat:" + seatId;
    }

    /** One async request's status. */
    public static String requestStatus(long requestId) {
        return "reservation:request:" + requestId;
    }

    /** The id of a pair's latest async request: only that request may write the pair's status. */
    public static String latestRequest(long userId, long seatId) {
        return "reservation:latest:" + userId + ":" + seatId;
    }

    /** A concert's own waiting-room settings (hash: capacity, admitCount, admitIntervalMs). */
    public static String throttle(long concertId) {
        return "waiting-room:throttle:" + concertId;
    }

    /** When the concert's next admission batch is due, on Redis' clock. */
    public static String admissionDue(long concertId) {
        return "waiting-room:admission-due:" + concertId;
    }

    /** Users admitted from the concert's line, scored by the expiry of their admission in ms: counts, not the rule. */
    public static String admitted(long concertId) {
        return "waiting-room:admitted:" + concertId;
    }

    /** How many waiters the concert's line has let in since it began: a waiter's rank is its place then minus those since. */
    public static String admittedTotal(long concertId) {
        return "waiting-room:admitted-total:" + concertId;
    }

    /** Every key of one concert's waiting room, for cleanup. */
    public static List<String> roomKeys(long concertId) {
        return List.of(waitingQueue(concertId), throttle(concertId), admissionDue(concertId), admitted(concertId), admittedTotal(concertId));
    }

    /** A pub/sub channel of one deployment: channels ignore Redis database indexes, so the deployment id scopes them. */
    public static String channel(String deploymentId, String name) {
        return "ticket-rush:" + deploymentId + ":" + name;
    }
}
