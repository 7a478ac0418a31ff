package dev.ticketrush.server.user;

/** The body of {@code POST /api/users}. */
public record NewUser(String username) {
}
