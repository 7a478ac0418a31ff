package dev.ticketrush.server.http;

/** No more event streams: for this client address (429) or for this instance (503). */
public final class TooManyStreams extends RuntimeException {

    private final boolean perAddress;

    TooManyStreams(String message, boolean perAddress) {
        super(message);
        this.perAddress = perAddress;
    }

    public boolean perAddress() {
        return perAddress;
    }
}
