package dev.ticketrush.cli.swarm;

/** What one reservation request came to, as the buyer saw it. */
sealed interface Attempt {

    /** 200, or an async request that ended SUCCESS. */
    record Sold(long seatId) implements Attempt {
    }

    /** 409, or an async request that ended FAIL_*: the seat is someone else's. */
    record Refused(long seatId) implements Attempt {
    }

    /** 403: the buyer is not admitted. */
    record NotAdmitted() implements Attempt {
    }

    /** Anything else: another status, a lost connection. */
    record Failed(String kind) implements Attempt {
    }

    /**
     * The answer was lost (a dead instance, a stream that ended early): the server's record will tell. An async request
     * has an id to ask about; a sync one is settled by the buyer's reservations.
     */
    record Unknown(long seatId, Long requestId, String why) implements Attempt {
    }
}
