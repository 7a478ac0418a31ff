package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.http.Forbidden;
import io.javalin.http.Context;
import org.redisson.api.RedissonClient;

/**
 * Contract step 6: a request under {@code /api/reservations/**} or {@code /api/v1..v4/**} (the waiting
 * queue excepted) that carries a {@code User-Id} header is refused unless {@code active-user:{userId}} exists.
 */
public final class AdmissionCheck {

    public static final String HEADER = "User-Id";

    private final RedissonClient redis;

    public AdmissionCheck(RedissonClient redis) {
        this.redis = redis;
    }

    public static String activeKey(String userId) {
        return "active-user:" + userId;
    }

    public void check(Context ctx) {
        String userId = ctx.header(HEADER);
        if (userId == null || !guards(ctx.path())) return;
        if (!redis.getBucket(activeKey(userId.trim())).isExists()) throw new Forbidden("Not an active user in waiting queue");
    }

    static boolean guards(String path) {
        if (path.equals("/api/reservations") || path.startsWith("/api/reservations/")) return true;
        return path.matches("/api/v[1-4]/.*") && !path.startsWith("/api/v1/waiting-queue/");
    }
}
