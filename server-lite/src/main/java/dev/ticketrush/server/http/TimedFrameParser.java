package dev.ticketrush.server.http;

import org.eclipse.jetty.http2.Flags;
import org.eclipse.jetty.http2.frames.FrameType;
import org.eclipse.jetty.http2.parser.RateControl;
import org.eclipse.jetty.http2.parser.ServerParser;
import org.eclipse.jetty.io.ByteBufferPool;

import java.nio.ByteBuffer;

/**
 * Jetty's HTTP/2 parser, noting since when a frame (or a header block split over several) has been part-way in, so
 * that {@link RequestDeadline} can close a connection that trickles one: each byte would otherwise reset its idle time.
 */
final class TimedFrameParser extends ServerParser {

    static final long WHOLE = Long.MIN_VALUE;

    private volatile long partSinceNanos = WHOLE;

    TimedFrameParser(ByteBufferPool buffers, int maxHeaderBytes, RateControl rateControl) {
        super(buffers, maxHeaderBytes, rateControl);
    }

    /** When the part-way frame's first byte came, or {@link #WHOLE} when every frame received so far is complete. */
    long partSinceNanos() {
        return partSinceNanos;
    }

    @Override
    public void parse(ByteBuffer buffer) {
        begin(buffer); // the client's preface, which comes before any frame after an upgrade
        super.parse(buffer);
    }

    @Override
    protected boolean parseHeader(ByteBuffer buffer) {
        begin(buffer);
        return super.parseHeader(buffer);
    }

    @Override
    protected boolean parseBody(ByteBuffer buffer) {
        boolean headerBlockGoesOn = headerBlockGoesOn(); // read first: a parsed body forgets its frame's header
        boolean whole = super.parseBody(buffer);
        if (whole && !headerBlockGoesOn) partSinceNanos = WHOLE;
        return whole;
    }

    private void begin(ByteBuffer buffer) {
        if (buffer.hasRemaining() && partSinceNanos == WHOLE) partSinceNanos = System.nanoTime();
    }

    private boolean headerBlockGoesOn() {
        int type = getFrameType();
        boolean headerFrame = type == FrameType.HEADERS.getType() || type == FrameType.CONTINUATION.getType();
        return headerFrame && !hasFlag(Flags.END_HEADERS);
    }
}
