package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.waitingroom.RankBroadcaster.Frame;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A subscriber's frames not yet written. Each frame tells the whole state, so a newer one replaces a rank still waiting
 * here (an ACTIVE is never replaced: it carries the admission): when admissions come faster than the machine writes
 * frames, a stream skips its stale ranks instead of writing them ahead of its ACTIVE.
 */
final class PendingFrames {

    private final BlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
    private Frame waitingRank;

    synchronized void add(Frame frame) {
        if (waitingRank != null) queue.remove(waitingRank);
        queue.add(frame);
        waitingRank = Frame.RANK_UPDATE.equals(frame.event()) ? frame : null;
    }

    /** What the subscriber's stream takes its frames from. */
    BlockingQueue<Frame> queue() {
        return queue;
    }
}
