package dev.ticketrush.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalPostgresTest {

    @TempDir
    Path folder;

    @Test
    void aSecondPostgresStartsFromACopyOfTheTemplateTheFirstMade() throws Exception {
        PostgresTemplate template = new PostgresTemplate(folder.resolve("templates"));
        try (LocalPostgres first = new LocalPostgres(folder.resolve("first"), template)) {
            assertEquals(42, answer(first));
        }
        Path made = templateIn(folder.resolve("templates")).orElseThrow(() -> new AssertionError("no template made"));
        Files.writeString(made.resolve("made-by-the-first-start"), "");

        try (LocalPostgres second = new LocalPostgres(folder.resolve("second"), template)) {
            assertEquals(42, answer(second));
            assertTrue(Files.exists(folder.resolve("second/made-by-the-first-start")), "the second start copied the template");
        }
    }

    @Test
    void aTemplateThatWillNotStartIsDroppedAndPostgresStartsAnyway() throws Exception {
        PostgresTemplate template = new PostgresTemplate(folder.resolve("templates"));
        try (LocalPostgres first = new LocalPostgres(folder.resolve("first"), template)) {
            assertEquals(42, answer(first));
        }
        Path made = templateIn(folder.resolve("templates")).orElseThrow();
        Files.writeString(made.resolve("PG_VERSION"), "9\n"); // a data folder of a release these binaries cannot read

        try (LocalPostgres second = new LocalPostgres(folder.resolve("second"), template)) {
            assertEquals(42, answer(second));
        }
        assertTrue(templateIn(folder.resolve("templates")).isEmpty(), "the damaged template is gone, the next start makes a new one");
    }

    private static Optional<Path> templateIn(Path templates) throws Exception {
        try (Stream<Path> entries = Files.list(templates)) {
            return entries.filter(path -> !path.getFileName().toString().contains("staging")).findFirst();
        }
    }

    private static int answer(LocalPostgres postgres) throws Exception {
        try (var db = DriverManager.getConnection(postgres.jdbcUrl()); var rows = db.createStatement().executeQuery("SELECT 6 * 7")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
