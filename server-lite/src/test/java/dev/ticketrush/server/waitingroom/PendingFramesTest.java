package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.waitingroom.RankBroadcaster.Frame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingFramesTest {

    @Test
    void aRankStillWaitingIsReplacedByTheNewerOne() {
        PendingFrames frames = new PendingFrames();
        frames.add(new Frame("RANK_UPDATE", "rank 3"));
        frames.add(new Frame("RANK_UPDATE", "rank 2"));
        assertEquals(List.of(new Frame("RANK_UPDATE", "rank 2")), drain(frames));
    }

    @Test
    void aHeldRankIsMadeOnlyWhenReleasedAndOnlyTheLatest() {
        PendingFrames frames = new PendingFrames();
        AtomicInteger made = new AtomicInteger();
        frames.hold(() -> made(made, "rank 3"));
        frames.hold(() -> made(made, "rank 2"));
        assertEquals(0, made.get(), "nothing is made while held");
        frames.release();
        assertEquals(1, made.get(), "the replaced rank is never made");
        assertEquals(List.of(new Frame("RANK_UPDATE", "rank 2")), drain(frames));
    }

    private static Frame made(AtomicInteger count, String data) {
        count.incrementAndGet();
        return new Frame("RANK_UPDATE", data);
    }

    @Test
    void anActiveFrameReplacesARankStillWaitingAndIsNeverReplacedItself() {
        PendingFrames frames = new PendingFrames();
        frames.add(new Frame("RANK_UPDATE", "rank 1"));
        frames.add(new Frame("ACTIVE", "active"));
        frames.add(new Frame("RANK_UPDATE", "rank 4, after a re-read"));
        assertEquals(List.of(new Frame("ACTIVE", "active"), new Frame("RANK_UPDATE", "rank 4, after a re-read")), drain(frames));
    }

    @Test
    void aRankAlreadyTakenByTheStreamIsNotWithdrawnAndTheNextOneFollows() throws Exception {
        PendingFrames frames = new PendingFrames();
        frames.add(new Frame("RANK_UPDATE", "rank 3"));
        assertEquals(new Frame("RANK_UPDATE", "rank 3"), frames.queue().take());
        frames.add(new Frame("RANK_UPDATE", "rank 3"));
        frames.add(new Frame("RANK_UPDATE", "rank 2"));
        assertEquals(List.of(new Frame("RANK_UPDATE", "rank 2")), drain(frames));
    }

    @Test
    void aHeldRankReachesTheStreamOnlyOnItsRelease() {
        PendingFrames frames = new PendingFrames();
        assertTrue(frames.hold(() -> new Frame("RANK_UPDATE", "rank 3")), "the first rank held asks for a release");
        assertFalse(frames.hold(() -> new Frame("RANK_UPDATE", "rank 2")), "one release is already due");
        assertTrue(frames.queue().isEmpty());
        frames.release();
        assertEquals(List.of(new Frame("RANK_UPDATE", "rank 2")), drain(frames));
        assertTrue(frames.hold(() -> new Frame("RANK_UPDATE", "rank 1")), "after a release the next rank held asks again");
    }

    @Test
    void anActiveGoesAtOnceAndTheRankHeldBeforeItIsDropped() {
        PendingFrames frames = new PendingFrames();
        frames.hold(() -> new Frame("RANK_UPDATE", "rank 1"));
        frames.add(new Frame("ACTIVE", "active"));
        assertEquals(List.of(new Frame("ACTIVE", "active")), drain(frames));
        frames.release();
        assertTrue(frames.queue().isEmpty(), "the stale rank never follows the ACTIVE");
    }

    private static List<Frame> drain(PendingFrames frames) {
        List<Frame> out = new ArrayList<>();
        frames.queue().drainTo(out);
        return out;
    }
}
