package dev.ticketrush.server.http;

/** The caller may not do this now, e.g. a buyer who was not admitted from the waiting room. */
public class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
