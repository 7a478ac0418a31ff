package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.infra.RedisKeys;
import io.javalin.http.Context;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Contract step 6: a request under {@code /api/reservations/**} or {@code /api/v1..v4/**} (the waiting
 * line excepted) that carries a {@code User-Id} header is refused unless that buyer is admitted.
 */
public final class AdmissionCheck {

    public static final String HEADER = "User-Id";

    private final RedissonClient redis;

    public AdmissionCheck(RedissonClient redis) {
        this.redis = redis;
    }

    public void check(Context ctx) {
        String userId = ctx.header(HEADER);
        if (userId == null || !guards(ctx.path())) return;
        if (!admitted(userId.strip())) throw new NotAdmitted();
    }

    private boolean admitted(String userId) {
        long id;
        try {
            id = Long.parseLong(userId);
        } catch (NumberFormatException notAnId) {
            return false;
        }
        return redis.getBucket(RedisKeys.active(id), StringCodec.INSTANCE).isExists();
    }

    static boolean guards(String path) {
        if (path.equals("/api/reservations") || path.startsWith("/api/reservations/")) return true;
        return path.matches("/api/v[1-4]/.*") && !path.startsWith("/api/v1/waiting-queue/");
    }
}
