package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.waitingroom.RankBroadcaster.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Releases held rank moves to their streams a slice at a time, the next slice once the streams have taken the last.
 * An admission moves every waiter of the line: woken all at once, tens of thousands of streams would queue for the
 * machine's cores ahead of the ACTIVE frames of the next admission, which are never held. Paced, an ACTIVE frame
 * waits behind one slice at most, and a waiter that fell behind gets only its latest rank.
 */
final class RankPacer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RankPacer.class);

    static final int SLICE = 256;
    private static final long CHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

    private final BlockingQueue<PendingFrames> due = new LinkedBlockingQueue<>();
    private final Duration sliceWait;
    private final Thread thread = Thread.ofPlatform().name("rank-pacer").daemon().unstarted(this::run);

    /** @param sliceWait the longest a slice waits for its streams (one may be stuck writing to a slow client) */
    RankPacer(Duration sliceWait) {
        this.sliceWait = sliceWait;
    }

    RankPacer start() {
        thread.start();
        return this;
    }

    /** Holds {@code rank} for the stream until its turn. */
    void hold(PendingFrames frames, Frame rank) {
        if (frames.hold(rank)) due.add(frames);
    }

    private void run() {
        List<PendingFrames> slice = new ArrayList<>(SLICE);
        try {
            while (true) {
                slice.add(due.take());
                due.drainTo(slice, SLICE - 1);
                try {
                    for (PendingFrames frames : slice) frames.release();
                    awaitTaken(slice);
                } catch (RuntimeException e) {
                    LOG.warn("releasing a slice of rank moves failed; the next slice goes on: {}", e.toString());
                }
                slice.clear();
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitTaken(List<PendingFrames> slice) throws InterruptedException {
        long deadline = System.nanoTime() + sliceWait.toNanos();
        for (PendingFrames frames : slice) {
            while (!frames.taken() && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(CHECK_NANOS);
                if (Thread.interrupted()) throw new InterruptedException();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
