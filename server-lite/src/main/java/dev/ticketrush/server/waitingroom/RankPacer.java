package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.waitingroom.RankBroadcaster.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Releases held rank moves to their streams a slice at a time, the next slice once the streams have taken the last.
 * An admission moves every waiter of the line: woken all at once, tens of thousands of streams would queue for the
 * machine's cores ahead of the ACTIVE frames of the next admission, which are never held. Paced, an ACTIVE frame
 * waits behind one slice at most, and a waiter that fell behind gets only its latest rank. No slice goes out while
 * frames sent at once (ACTIVE above all) are still untaken: the moves would take the cores those streams need.
 */
final class RankPacer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RankPacer.class);

    static final int SLICE = 256;
    private static final long CHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

    private final BlockingQueue<PendingFrames> due = new LinkedBlockingQueue<>();
    private final Queue<Told> told = new ConcurrentLinkedQueue<>();
    private final Duration sliceWait;
    private final Duration firstWait;
    private final Thread thread = Thread.ofPlatform().name("rank-pacer").daemon().unstarted(this::run);

    /**
     * @param sliceWait the longest a slice waits for its streams (one may be stuck writing to a slow client)
     * @param firstWait the longest the moves wait for streams told something at once to take it
     */
    RankPacer(Duration sliceWait, Duration firstWait) {
        this.sliceWait = sliceWait;
        this.firstWait = firstWait;
    }

    RankPacer start() {
        thread.start();
        return this;
    }

    /** Holds {@code rank} for the stream until its turn. */
    void hold(PendingFrames frames, Supplier<Frame> rank) {
        if (frames.hold(rank)) due.add(frames);
    }

    /** Notes that the stream was just queued a frame that must not wait behind moves in line. */
    void sentAtOnce(PendingFrames frames) {
        told.add(new Told(frames, System.nanoTime()));
    }

    private void run() {
        List<PendingFrames> slice = new ArrayList<>(SLICE);
        try {
            while (true) {
                PendingFrames next = due.poll(firstWait.toNanos(), TimeUnit.NANOSECONDS);
                List<PendingFrames> toldLately = toldLately(); // drained while idle too, so that it never grows
                if (next == null) continue;
                slice.add(next);
                due.drainTo(slice, SLICE - 1);
                awaitTaken(toldLately, firstWait);
                for (PendingFrames frames : slice) release(frames);
                awaitTaken(slice, sliceWait);
                slice.clear();
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    /** One stream's move that cannot be made is logged, and the slice's other streams still get theirs. */
    private static void release(PendingFrames frames) {
        try {
            frames.release();
        } catch (RuntimeException e) {
            LOG.warn("a move in the line could not be made; its stream gets the next one: {}", e.toString());
        }
    }

    /** The streams told something within the last wait: older ones have had their head start. */
    private List<PendingFrames> toldLately() {
        List<PendingFrames> lately = new ArrayList<>();
        long since = System.nanoTime() - firstWait.toNanos();
        for (Told one; (one = told.poll()) != null; ) {
            if (one.atNanos() - since > 0) lately.add(one.frames());
        }
        return lately;
    }

    private static void awaitTaken(List<PendingFrames> streams, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (PendingFrames frames : streams) {
            while (!frames.taken() && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(CHECK_NANOS);
                if (Thread.interrupted()) throw new InterruptedException();
            }
        }
    }

    private record Told(PendingFrames frames, long atNanos) {
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
