package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.waitingroom.RankBroadcaster.Frame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PendingFramesTest {

    @Test
    void aRankStillWaitingIsReplacedByTheNewerOne() {
        PendingFrames frames = new PendingFrames();
        frames.add(new Frame("RANK_UPDATE", "rank 3"));
        frames.add(new Frame("RANK_UPDATE", "rank 2"));
        assertEquals(List.of(new Frame("RANK_UPDATE", "rank 2")), drain(frames));
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

    private static List<Frame> drain(PendingFrames frames) {
        List<Frame> out = new ArrayList<>();
        frames.queue().drainTo(out);
        return out;
    }
}
