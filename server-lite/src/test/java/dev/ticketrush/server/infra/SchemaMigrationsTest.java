package dev.ticketrush.server.infra;

import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(TestServices.Extension.class)
class SchemaMigrationsTest {

    private static final String NEWEST_INDEX = "SELECT count(*) FROM pg_indexes WHERE indexname = 'reservation_live_by_user'";

    private final TestServices services;

    SchemaMigrationsTest(TestServices services) {
        this.services = services;
    }

    @Test
    void aSchemaHoldingEveryMigrationIsToldSoAndOneMissingItsNewestIsMigratedAgain() throws Exception {
        String url = services.anotherDatabase("migrations"); // the shared test database is migrated by every server test
        PGSimpleDataSource history = new PGSimpleDataSource();
        history.setUrl(url);
        history.setUser(services.dbUser());
        Set<String> bundled = SchemaMigrations.bundled();
        assertFalse(SchemaMigrations.allApplied(history, bundled), "a database without a history needs Flyway");
        new Database(url, services.dbUser(), "", 2).close();
        // Flyway's history names each script as the jar does: on a current schema, Flyway is skipped
        assertTrue(SchemaMigrations.allApplied(history, bundled), "every bundled migration applied: " + bundled);

        try (Connection c = history.getConnection(); Statement undo = c.createStatement()) {
            undo.execute("DROP INDEX reservation_live_by_user");
            undo.execute("DELETE FROM flyway_schema_history WHERE installed_rank = (SELECT max(installed_rank) FROM flyway_schema_history)");
        }
        assertFalse(SchemaMigrations.allApplied(history, bundled), "the newest migration is missing");
        new Database(url, services.dbUser(), "", 2).close();
        try (Connection c = history.getConnection(); ResultSet index = c.createStatement().executeQuery(NEWEST_INDEX)) {
            index.next();
            assertEquals(1, index.getLong(1), "the missing migration ran again");
        }
        assertTrue(SchemaMigrations.allApplied(history, bundled));
    }
}
