package dev.ticketrush.cli;

import picocli.CommandLine.Option;

/** Where the server's Redis is, for commands that read or write the contract's keys directly. */
public final class RedisOptions {

    @Option(names = "--redis", paramLabel = "URL", defaultValue = "${env:TICKETRUSH_REDIS_URL:-redis://127.0.0.1:6379}",
            description = "The server's Redis, redis://host:port[/db], for the contract's keys (default: ${DEFAULT-VALUE}; env TICKETRUSH_REDIS_URL).")
    String url;
}
