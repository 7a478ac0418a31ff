package dev.ticketrush.server.http;

/** The request names something that does not exist. */
public class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
