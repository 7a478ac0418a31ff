package dev.ticketrush.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's own files (docs/, deploy/) are, from wherever the tests run. */
public final class Repository {

    private Repository() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/http-api.md"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("no repository above " + Path.of("").toAbsolutePath());
        return dir;
    }
}
