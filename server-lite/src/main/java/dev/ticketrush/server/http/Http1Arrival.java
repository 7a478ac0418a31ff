package dev.ticketrush.server.http;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.server.HttpConnection;

/** An HTTP/1.1 connection: closed when one request's headers or body are still arriving after the deadline. */
final class Http1Arrival implements Arrival {

    private static final long NONE = -1;

    private final HttpConnection connection;
    /** The request (by count) first seen part-way in, and when. */
    private long request = NONE;
    private long sinceNanos;

    Http1Arrival(HttpConnection connection) {
        this.connection = connection;
    }

    @Override
    public void enforce(long nowNanos, long deadlineNanos) {
        if (!arriving()) {
            request = NONE;
            return;
        }
        long current = connection.getMessagesIn();
        if (current != request) {
            request = current;
            sinceNanos = nowNanos;
        } else if (nowNanos - sinceNanos > deadlineNanos) {
            connection.getEndPoint().close();
        }
    }

    /**
     * Whether a request has begun and its headers or body are not all here yet. A request without a body stays in
     * Jetty's content state while it is handled, so an event stream's GET would otherwise be cut off at the deadline.
     */
    private boolean arriving() {
        HttpParser parser = connection.getParser();
        return !parser.isStart() && (parser.inHeaderState() || parser.inContentState() && unreadBody(parser));
    }

    private static boolean unreadBody(HttpParser parser) {
        return parser.isChunking() || parser.getContentRead() < parser.getContentLength();
    }
}
