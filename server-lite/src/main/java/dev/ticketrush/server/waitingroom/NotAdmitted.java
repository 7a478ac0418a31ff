package dev.ticketrush.server.waitingroom;

/** The buyer has no admission from the waiting room (none given, or it ran out). */
public final class NotAdmitted extends RuntimeException {
    public NotAdmitted() {
        super("Not an active user in waiting queue");
    }
}
