package dev.ticketrush.cli.swarm;

import java.time.Duration;

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
     * has an id to ask about; a sync one is settled by the buyer's reservations. {@code accepted}: a 202 said the
     * request was queued, so it must reach a final status.
     */
    record Unknown(long seatId, Long requestId, boolean accepted, String why) implements Attempt {
    }

    /** 503 before anything was queued or sold: a buyer comes back after {@code retryAfter}, as the answer asks. */
    record Unavailable(Duration retryAfter) implements Attempt {
    }

    /** The connection was refused: the request reached no server, so the buyer may send it to another instance. */
    record Unreached() implements Attempt {
    }
}
