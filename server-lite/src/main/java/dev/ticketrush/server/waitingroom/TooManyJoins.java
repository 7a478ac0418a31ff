package dev.ticketrush.server.waitingroom;

/** One client address joined the line faster than it may: made-up ids cannot fill a room. */
public final class TooManyJoins extends RuntimeException {
    public TooManyJoins(String address, int perSecond) {
        super(address + " joins waiting lines more than " + perSecond + " times a second; slow down");
    }
}
