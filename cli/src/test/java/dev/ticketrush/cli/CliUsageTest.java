package dev.ticketrush.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliUsageTest {

    @Test
    void everyCommandAndOptionIsDescribedInWholeSentences() {
        List<String> gaps = new ArrayList<>();
        for (CommandLine sub : TicketRush.commandLine().getSubcommands().values()) {
            CommandSpec command = sub.getCommandSpec();
            String[] description = command.usageMessage().description();
            // the top-level help shows a command's first line alone: it must be a whole sentence
            if (description.length == 0 || !description[0].strip().endsWith(".")) gaps.add(command.name() + ": first line is not a whole sentence");
            for (OptionSpec option : command.options()) {
                String text = String.join(" ", option.description()).strip();
                if (text.isEmpty()) gaps.add(command.name() + " " + option.longestName() + ": no description");
                else if (!text.endsWith(".") && !text.endsWith(")")) gaps.add(command.name() + " " + option.longestName() + ": '" + text + "' is cut");
            }
        }
        assertEquals(List.of(), gaps);
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

    @Test
    void theSuiteAgainstSomethingThatIsNotTheContractSaysSoInOneLine() {
        CliRun run = CliRun.of("suite", "--server", "http://127.0.0.1:1");
        assertEquals(2, run.exitCode());
        assertOneLineWithoutStackTrace(run.err());
    }

    static void assertOneLineWithoutStackTrace(String err) {
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        assertFalse(err.contains("\tat "), err);
        assertFalse(err.contains("Exception"), err);
    }
}
