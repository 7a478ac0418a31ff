package dev.ticketrush.server.waitingroom;

/** The Redis keys of the waiting room; the first two are the contract's, the rest server-lite's own. */
public final class WaitingRoomKeys {

    /** Concert ids that have waiters, so the ticker admits for every concert, not one configured id. */
    public static final String ROOMS_WITH_WAITERS = "waiting-rooms";

    private WaitingRoomKeys() {
    }

    public static String queue(long concertId) {
        return "waiting-queue:" + concertId;
    }

    public static String active(long userId) {
        return "active-user:" + userId;
    }

    public static String throttle(long concertId) {
        return "waiting-room:throttle:" + concertId;
    }

    /** Set with PX = the admission interval by whichever instance admits: the next batch is due when it expires. */
    public static String admissionDue(long concertId) {
        return "waiting-room:admission-due:" + concertId;
    }

    /** Users admitted for the concert, scored by the expiry of their admission in ms. */
    public static String admitted(long concertId) {
        return "waiting-room:admitted:" + concertId;
    }
}
