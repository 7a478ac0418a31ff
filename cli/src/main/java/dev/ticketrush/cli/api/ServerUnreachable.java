package dev.ticketrush.cli.api;

import dev.ticketrush.cli.CliFailure;

/** Nothing answered at the server URL. */
public final class ServerUnreachable extends CliFailure {
    public ServerUnreachable(String baseUrl, String why) {
        super(USAGE_OR_CONNECTION, "cannot reach the server at " + baseUrl + " (" + why + "); start one with 'ticket-rush server --embedded' or pass --server URL");
    }
}
