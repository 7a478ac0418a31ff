package dev.ticketrush.server.http;

/** The request itself is wrong: malformed JSON, a missing or out-of-range field, an id that is not a number. */
public class BadRequest extends RuntimeException {
    public BadRequest(String message) {
        super(message);
    }
}
