package dev.ticketrush.server.http;

import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.IStream;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;

import java.util.HashMap;
import java.util.Map;

/**
 * An HTTP/2 connection. A frame still part-way in after the deadline closes the connection, since nothing behind it
 * can be read; a request whose body is still arriving resets its own stream, so the connection's other streams
 * (a proxy's other users) go on.
 */
final class Http2Arrival implements Arrival {

    private final HTTP2Connection connection;
    /** The streams whose request was still arriving at the last sweep, and since when. */
    private Map<Stream, Long> arrivingSince = Map.of();

    Http2Arrival(HTTP2Connection connection) {
        this.connection = connection;
    }

    @Override
    public void enforce(long nowNanos, long deadlineNanos) {
        if (nowNanos - partFrameSince(nowNanos) > deadlineNanos) {
            connection.getEndPoint().close();
            return;
        }
        Map<Stream, Long> stillArriving = new HashMap<>();
        for (Stream stream : connection.getSession().getStreams()) {
            if (!(stream instanceof IStream open) || open.isRemotelyClosed()) continue;
            long since = arrivingSince.getOrDefault(stream, nowNanos);
            if (nowNanos - since > deadlineNanos) stream.reset(new ResetFrame(stream.getId(), ErrorCode.CANCEL_STREAM_ERROR.code), Callback.NOOP);
            else stillArriving.put(stream, since);
        }
        arrivingSince = stillArriving;
    }

    private long partFrameSince(long nowNanos) {
        if (connection.getSession() instanceof HTTP2Session session && session.getParser() instanceof TimedFrameParser parser) {
            long since = parser.partSinceNanos();
            if (since != TimedFrameParser.WHOLE) return since;
        }
        return nowNanos;
    }
}
