package dev.ticketrush.server.concert;

public final class UnknownOption extends RuntimeException {
    public UnknownOption(long optionId) {
        super("Concert option not found: " + optionId);
    }
}
