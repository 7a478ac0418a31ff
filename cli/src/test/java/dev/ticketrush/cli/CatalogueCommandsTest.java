package dev.ticketrush.cli;

import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogueCommandsTest extends ServerTest {

    CatalogueCommandsTest(TestServices services) {
        super(services);
    }

    @Test
    void setupPrintsIdsAndConcertsListsAvailableSeats() {
        CliRun setup = CliRun.of("setup", "--server", server.baseUrl(), "--title", "Spring Gala", "--artist", "Orchestra", "--seats", "12", "--json");
        assertEquals(0, setup.exitCode(), setup.err());
        Matcher ids = Pattern.compile("\\{\"concertId\":(\\d+),\"optionId\":(\\d+)}").matcher(setup.out().strip());
        assertTrue(ids.matches(), setup.out());

        CliRun concerts = CliRun.of("concerts", "--server", server.baseUrl());
        assertEquals(0, concerts.exitCode(), concerts.err());
        assertTrue(concerts.out().lines().anyMatch(line -> line.startsWith(ids.group(1) + " ") && line.contains("Spring Gala")
                && line.contains(" " + ids.group(2) + " ") && line.strip().endsWith(" 12")), concerts.out());
    }

    @Test
    void setupWithAnOutOfRangeSeatCountIsRefusedBeforeAnyCall() {
        // no server listens there: a refusal naming the seats, not the connection, was made before any call
        CliRun run = CliRun.of("setup", "--server", "http://127.0.0.1:1", "--title", "x", "--artist", "y", "--seats", "0");
        assertEquals(2, run.exitCode());
        CliUsageTest.assertOneLineWithoutStackTrace(run.err());
        assertTrue(run.err().contains("--seats must be between 1 and 1000000, got 0"), run.err());
    }

    @Test
    void adminCommandsCarryTheAdminTokenAndAreRefusedInOneLineWithoutIt() {
        try (var guarded = new dev.ticketrush.server.ServerLite(services.serverConfig().adminToken("s3cret").build()).start()) {
            CliRun refused = CliRun.of("setup", "--server", guarded.baseUrl(), "--title", "t", "--artist", "a", "--seats", "3");
            assertEquals(2, refused.exitCode(), refused.err());
            CliUsageTest.assertOneLineWithoutStackTrace(refused.err());
            assertTrue(refused.err().contains("HTTP 401"), refused.err());
            CliRun done = CliRun.of("setup", "--server", guarded.baseUrl(), "--admin-token", "s3cret", "--title", "t", "--artist", "a", "--seats", "3");
            assertEquals(0, done.exitCode(), done.err());
        }
    }

    @Test
    void setupWithAMalformedDateIsRefused() {
        CliRun run = CliRun.of("setup", "--server", server.baseUrl(), "--title", "x", "--artist", "y", "--seats", "3", "--date", "next friday");
        assertEquals(2, run.exitCode());
        CliUsageTest.assertOneLineWithoutStackTrace(run.err());
    }
}
