package dev.ticketrush.server.waitingroom;

/** The request may not act for its buyer: not admitted (none given, or it ran out), another buyer's id, a bad token. */
public final class NotAdmitted extends RuntimeException {

    public static final String CONTRACT_MESSAGE = "Not an active user in waiting queue";

    public NotAdmitted() {
        super(CONTRACT_MESSAGE);
    }

    public NotAdmitted(String message) {
        super(message);
    }
}
