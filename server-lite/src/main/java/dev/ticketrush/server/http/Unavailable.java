package dev.ticketrush.server.http;

/** A dependency the request needs is down or overloaded right now: 503, try again later. */
public class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
