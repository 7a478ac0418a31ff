package dev.ticketrush.cli;

import dev.ticketrush.cli.api.ApiClient;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;

/** The options every command that talks to a running server shares. */
public final class ClientOptions {

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:TICKETRUSH_SERVER:-http://127.0.0.1:8080}",
            description = {"Base URL of the server (default: ${DEFAULT-VALUE}; env TICKETRUSH_SERVER).",
                    "A comma-separated list names several instances: 'rush' spreads its buyers across all, other commands use the first."})
    String server;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:TICKETRUSH_ADMIN_TOKEN}",
            description = "The server's admin token, for setup, cleanup, room settings and admissions (env TICKETRUSH_ADMIN_TOKEN; default none).")
    String adminToken;

    public List<String> servers() {
        return Arrays.stream(server.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public String adminToken() {
        return adminToken;
    }

    public ApiClient api() {
        List<String> all = servers();
        if (all.isEmpty()) throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "--server names no URL");
        return new ApiClient(all.getFirst(), adminToken);
    }
}
