package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.waitingroom.RankBroadcaster.Frame;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * A subscriber's frames not yet written. Each frame tells the whole state, so a newer one replaces a rank still waiting
 * here (an ACTIVE is never replaced: it carries the admission): when admissions come faster than the machine writes
 * frames, a stream skips its stale ranks instead of writing them ahead of its ACTIVE. A mere move in the line can also
 * be held back until the {@link RankPacer} releases it, so that it does not wake the stream in the same instant as
 * thousands of others.
 */
final class PendingFrames {

    private final BlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
    private Frame queuedRank;
    private Supplier<Frame> heldRank;
    private boolean releaseDue;
    private volatile boolean closed;

    /** Queues a frame for the stream at once; it replaces any rank waiting here, queued or held. */
    synchronized void add(Frame frame) {
        heldRank = null;
        enqueue(frame);
    }

    /**
     * Holds a rank until {@link #release}, replacing one already held; true when a release must be asked for. The frame
     * is made when released: a rank replaced before its turn costs nothing, and none is made while the admitted are told.
     */
    synchronized boolean hold(Supplier<Frame> rank) {
        heldRank = rank;
        if (releaseDue) return false;
        releaseDue = true;
        return true;
    }

    /** Queues the rank held, if a frame queued since has not replaced it. */
    synchronized void release() {
        Supplier<Frame> rank = heldRank;
        releaseDue = false;
        heldRank = null;
        if (rank != null) enqueue(rank.get());
    }

    /** Whether the stream has taken everything queued, or has ended and will take nothing more. */
    boolean taken() {
        return closed || queue.isEmpty();
    }

    void close() {
        closed = true;
    }

    /** What the subscriber's stream takes its frames from. */
    BlockingQueue<Frame> queue() {
        return queue;
    }

    private void enqueue(Frame frame) {
        if (queuedRank != null) queue.remove(queuedRank);
        queue.add(frame);
        queuedRank = Frame.RANK_UPDATE.equals(frame.event()) ? frame : null;
    }
}
