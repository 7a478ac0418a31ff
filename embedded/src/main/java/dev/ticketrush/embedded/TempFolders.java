package dev.ticketrush.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of the data folders embedded services leave behind. */
final class TempFolders {

    private TempFolders() {
    }

    /** Removes the folder and everything in it; says so on stderr when it could not. */
    static void remove(Path folder) {
        if (!Files.exists(folder)) return;
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("ticket-rush: could not remove " + folder + ": " + e.getMessage());
        }
    }
}
