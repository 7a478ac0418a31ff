package dev.ticketrush.server.user;

/** A buyer. */
public record User(long id, String username) {
}
