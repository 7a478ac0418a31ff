package dev.ticketrush.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliUsageTest {

    @ParameterizedTest
    @ValueSource(strings = {"server", "setup", "concerts", "demo", "rush", "verify", "watch", "status", "suite"})
    void everyCommandHasCompleteHelp(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Usage: ticket-rush " + command), run.out());
        assertTrue(run.out().contains("--help"), run.out());
    }

    @Test
    void clientCommandsDocumentTheServerOption() {
        assertTrue(CliRun.of("setup", "--help").out().contains("--server=URL"));
        assertTrue(CliRun.of("concerts", "--help").out().contains("--server=URL"));
    }

    @Test
    void aWrongFlagGetsOneLineAndExitCode2() {
        CliRun run = CliRun.of("concerts", "--no-such-flag");
        assertEquals(2, run.exitCode());
        assertOneLineWithoutStackTrace(run.err());
        assertTrue(run.err().contains("--no-such-flag"), run.err());
    }

    @Test
    void aBadNumberGetsOneLineAndExitCode2() {
        CliRun run = CliRun.of("setup", "--title", "t", "--artist", "a", "--seats", "lots");
        assertEquals(2, run.exitCode());
        assertOneLineWithoutStackTrace(run.err());
    }

    @Test
    void anUnreachableServerGetsOneLineAndExitCode2() {
        CliRun run = CliRun.of("concerts", "--server", "http://127.0.0.1:1");
        assertEquals(2, run.exitCode());
        assertOneLineWithoutStackTrace(run.err());
        assertTrue(run.err().contains("cannot reach the server at http://127.0.0.1:1"), run.err());
    }

    @Test
    void aMalformedServerUrlGetsOneLineAndExitCode2() {
        CliRun run = CliRun.of("concerts", "--server", "not a url");
        assertEquals(2, run.exitCode());
        assertOneLineWithoutStackTrace(run.err());
    }

    @Test
    void serverWithoutItsServicesSaysWhichOneIsMissing() {
        CliRun run = CliRun.of("server", "--port", "0", "--db-url", "jdbc:postgresql://127.0.0.1:1/none");
        assertEquals(2, run.exitCode());
        assertOneLineWithoutStackTrace(run.err());
        assertTrue(run.err().contains("PostgreSQL is not reachable at 127.0.0.1:1"), run.err());
    }

    static void assertOneLineWithoutStackTrace(String err) {
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        assertFalse(err.contains("\tat "), err);
        assertFalse(err.contains("Exception"), err);
    }
}
