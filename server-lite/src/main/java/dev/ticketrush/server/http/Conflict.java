package dev.ticketrush.server.http;

/** The request is well formed but the state does not allow it, e.g. the seat is already taken. */
public class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
