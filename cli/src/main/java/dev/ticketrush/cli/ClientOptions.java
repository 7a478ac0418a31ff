package dev.ticketrush.cli;

import dev.ticketrush.cli.api.ApiClient;
import picocli.CommandLine.Option;

/** The options every command that talks to a running server shares. */
public final class ClientOptions {

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:TICKETRUSH_SERVER:-http://127.0.0.1:8080}",
            description = "Base URL of the server (default: ${DEFAULT-VALUE}; env TICKETRUSH_SERVER).")
    String server;

    public ApiClient api() {
        return new ApiClient(server);
    }
}
