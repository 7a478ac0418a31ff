package dev.ticketrush.cli.api;

import dev.ticketrush.cli.CliFailure;

/** The server answered with an error status; message is the contract error body's message when there is one. */
public final class ApiError extends CliFailure {

    private final int status;

    public ApiError(int status, String what, String message) {
        super(USAGE_OR_CONNECTION, what + " failed: HTTP " + status + (message == null || message.isBlank() ? "" : ": " + message));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
