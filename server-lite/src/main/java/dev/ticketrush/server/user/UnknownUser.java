package dev.ticketrush.server.user;

import dev.ticketrush.server.http.NotFound;

public final class UnknownUser extends NotFound {
    public UnknownUser(long userId) {
        super("User not found: " + userId);
    }
}
