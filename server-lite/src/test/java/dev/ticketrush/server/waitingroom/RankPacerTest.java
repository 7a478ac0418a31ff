package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.waitingroom.RankBroadcaster.Frame;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankPacerTest {

    private static final Frame RANK = new Frame("RANK_UPDATE", "rank 7");

    @Test
    void ranksReachTheirStreamsASliceAtATimeAsTheStreamsTakeThem() throws Exception {
        try (RankPacer pacer = new RankPacer(Duration.ofMinutes(1), Duration.ofMinutes(1))) {
            List<PendingFrames> streams = holdingARank(pacer, RankPacer.SLICE * 2 + 10);
            pacer.start();
            for (int slice = 0; slice < 3; slice++) {
                int expected = slice < 2 ? RankPacer.SLICE : 10;
                awaitQueued(streams, expected);
                Thread.sleep(100);
                assertEquals(expected, queued(streams), "slice " + slice + ": no more released before the streams take these");
                // only the streams that had a frame: the next slice may be released while these are taken
                List<PendingFrames> released = streams.stream().filter(stream -> !stream.queue().isEmpty()).toList();
                for (PendingFrames stream : released) stream.queue().poll();
            }
        }
    }

    @Test
    void aSliceWhoseStreamsDoNotTakeTheirRanksGivesWayAfterItsWait() throws Exception {
        try (RankPacer pacer = new RankPacer(Duration.ofMillis(50), Duration.ofMillis(50))) {
            List<PendingFrames> streams = holdingARank(pacer, RankPacer.SLICE + 1);
            pacer.start();
            awaitQueued(streams, RankPacer.SLICE + 1);
        }
    }

    @Test
    void anEndedStreamDoesNotHoldUpTheNextSlice() throws Exception {
        try (RankPacer pacer = new RankPacer(Duration.ofMinutes(1), Duration.ofMinutes(1))) {
            List<PendingFrames> streams = holdingARank(pacer, RankPacer.SLICE + 1);
            pacer.start();
            awaitQueued(streams, RankPacer.SLICE);
            streams.forEach(PendingFrames::close);
            awaitQueued(streams, RankPacer.SLICE + 1);
        }
    }

    @Test
    void movesWaitWhileAnAdmittedStreamHasNotTakenItsActiveFrame() throws Exception {
        try (RankPacer pacer = new RankPacer(Duration.ofMinutes(1), Duration.ofMinutes(1))) {
            PendingFrames admitted = toldActive(pacer);
            List<PendingFrames> waiters = holdingARank(pacer, 3);
            pacer.start();
            Thread.sleep(200);
            assertEquals(0, queued(waiters), "no move released while the ACTIVE frame is untaken");
            admitted.queue().poll();
            awaitQueued(waiters, 3);
        }
    }

    @Test
    void aStreamThatNeverTakesItsActiveFrameHoldsTheMovesNoLongerThanTheWait() throws Exception {
        try (RankPacer pacer = new RankPacer(Duration.ofMinutes(1), Duration.ofMillis(100))) {
            toldActive(pacer);
            List<PendingFrames> waiters = holdingARank(pacer, 3);
            pacer.start();
            awaitQueued(waiters, 3);
        }
    }

    @Test
    void aMoveThatCannotBeMadeCostsOnlyItsOwnStreamThatMove() throws Exception {
        try (RankPacer pacer = new RankPacer(Duration.ofMinutes(1), Duration.ofMinutes(1))) {
            PendingFrames broken = new PendingFrames();
            pacer.hold(broken, () -> {
                throw new IllegalStateException("no JSON");
            });
            List<PendingFrames> others = holdingARank(pacer, 3);
            pacer.start();
            awaitQueued(others, 3);
            others.forEach(stream -> stream.queue().poll()); // taken: the slice is done
            pacer.hold(broken, () -> RANK);
            awaitQueued(List.of(broken), 1);
        }
    }

    /** A stream told ACTIVE at once, as the broadcaster tells the admitted, whose frame nothing has taken yet. */
    private static PendingFrames toldActive(RankPacer pacer) {
        PendingFrames admitted = new PendingFrames();
        admitted.add(new Frame("ACTIVE", "active"));
        pacer.sentAtOnce(admitted);
        return admitted;
    }

    /** {@code count} streams, each with a rank held by {@code pacer}, before it starts: its first slices are full. */
    private static List<PendingFrames> holdingARank(RankPacer pacer, int count) {
        List<PendingFrames> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) streams.add(new PendingFrames());
        streams.forEach(stream -> pacer.hold(stream, () -> RANK));
        return streams;
    }

    private static void awaitQueued(List<PendingFrames> streams, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (queued(streams) < expected && System.nanoTime() < deadline) Thread.sleep(5);
        assertTrue(queued(streams) >= expected, queued(streams) + " streams have a frame, expected " + expected);
    }

    private static long queued(List<PendingFrames> streams) {
        return streams.stream().filter(stream -> !stream.queue().isEmpty()).count();
    }
}
