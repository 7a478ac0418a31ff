package dev.ticketrush.cli.swarm;

import java.util.List;

/** What one buyer did: its user id, its place in the swarm, and each reservation attempt's result; {@code stopped} says why it ended early. */
record BuyerRun(int index, long userId, List<Attempt> attempts, String stopped) {

    /** A buyer who was still due to arrive when the rush was stopped; it is left out of the summary. */
    static final String NOT_ARRIVED = "did not arrive: the rush was stopped";
    /** A buyer the stop cut short: it holds a seat if its last request sold one, else it is without a seat, not in error. */
    static final String CUT_SHORT = "the rush was stopped";

    boolean sawSale() {
        return attempts.stream().anyMatch(a -> a instanceof Attempt.Sold);
    }

    boolean arrived() {
        return !NOT_ARRIVED.equals(stopped);
    }
}
