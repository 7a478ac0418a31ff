package dev.ticketrush.cli.swarm;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Ctrl-C's effect on a rush: no more arrivals or tries; requests already sent get a short grace to come back. */
public final class RushStop {

    private final CountDownLatch stopped = new CountDownLatch(1);

    public void stop() {
        stopped.countDown();
    }

    public boolean requested() {
        return stopped.getCount() == 0;
    }

    /** Sleeps until the given {@link System#nanoTime()}; false when the rush was stopped first. */
    boolean sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        return wait <= 0 ? !requested() : !stopped.await(wait, TimeUnit.NANOSECONDS);
    }

    /** Waits at most this long for a stop; true when it came. */
    boolean await(long nanos) throws InterruptedException {
        return stopped.await(nanos, TimeUnit.NANOSECONDS);
    }
}
