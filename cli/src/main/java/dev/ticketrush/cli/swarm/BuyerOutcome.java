package dev.ticketrush.cli.swarm;

/** How one buyer of a rush ended: every buyer ends as exactly one of these. */
public sealed interface BuyerOutcome {

    /** The buyer holds a seat, and the swarm saw the sale (or resolved a lost answer to it from the server's record). */
    record Sold(long seatId) implements BuyerOutcome {
    }

    /** The buyer holds no seat: every attempt was refused, no seat was left, or it was never admitted. */
    record WithoutSeat(String why) implements BuyerOutcome {
    }

    /** The buyer holds no seat and something went wrong on the way: an error answer, a lost connection, a timeout. */
    record Errored(String kind) implements BuyerOutcome {
    }
}
