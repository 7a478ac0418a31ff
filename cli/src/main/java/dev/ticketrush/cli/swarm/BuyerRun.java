package dev.ticketrush.cli.swarm;

import java.util.List;

/** What one buyer did: its user id, its place in the swarm, and each reservation attempt's result; {@code stopped} says why it ended early. */
record BuyerRun(int index, long userId, List<Attempt> attempts, String stopped) {

    boolean sawSale() {
        return attempts.stream().anyMatch(a -> a instanceof Attempt.Sold);
    }
}
