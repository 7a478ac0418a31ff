package dev.ticketrush.server.user;

public final class UnknownUser extends RuntimeException {
    public UnknownUser(long userId) {
        super("User not found: " + userId);
    }
}
