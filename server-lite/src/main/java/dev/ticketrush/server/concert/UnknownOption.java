package dev.ticketrush.server.concert;

import dev.ticketrush.server.http.NotFound;

public final class UnknownOption extends NotFound {
    public UnknownOption(long optionId) {
        super("Concert option not found: " + optionId);
    }
}
