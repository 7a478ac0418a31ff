package dev.ticketrush.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Admin actions (concert setup and cleanup, user deletion, room settings, direct admissions) need
 * {@code Authorization: Bearer <token>} when the server has an admin token: 401 without one, 403 with a wrong one.
 */
final class AdminGate {

    private final byte[] token;

    AdminGate(String adminToken) {
        this.token = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
    }

    /** The handler, behind the gate. */
    Handler guard(Handler action) {
        return ctx -> {
            requireAdmin(ctx);
            action.handle(ctx);
        };
    }

    /** Whether the request may act as admin: always when no token is set, else only with the token. */
    boolean admits(Context ctx) {
        if (token == null) return true;
        String presented = bearer(ctx);
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    private void requireAdmin(Context ctx) {
        if (token == null) return;
        if (bearer(ctx) == null) throw new AdminTokenMissing();
        if (!admits(ctx)) throw new AdminTokenRefused();
    }

    private static String bearer(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return authorization.substring(7).strip();
    }

    /** No credentials for an admin action. */
    static final class AdminTokenMissing extends RuntimeException {
        AdminTokenMissing() {
            super("This is an admin action: send Authorization: Bearer <admin token>");
        }
    }

    /** Credentials that are not the admin token. */
    static final class AdminTokenRefused extends RuntimeException {
        AdminTokenRefused() {
            super("The admin token is wrong");
        }
    }
}
