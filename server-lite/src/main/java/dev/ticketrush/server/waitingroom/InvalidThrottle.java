package dev.ticketrush.server.waitingroom;

/** Waiting-room settings out of range. */
public final class InvalidThrottle extends IllegalArgumentException {
    public InvalidThrottle(String message) {
        super(message);
    }
}
