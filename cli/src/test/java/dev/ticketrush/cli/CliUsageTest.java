package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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

    @Test
    void aMistypedCommandOrOptionGetsADidYouMean() {
        CliRun command = CliRun.of("rusj", "--concert", "1");
        assertEquals(2, command.exitCode());
        assertOneLineWithoutStackTrace(command.err());
        assertTrue(command.err().contains("did you mean rush"), command.err());
        CliRun option = CliRun.of("rush", "--concert", "1", "--thresold", "errors==0");
        assertEquals(2, option.exitCode());
        assertOneLineWithoutStackTrace(option.err());
        assertTrue(option.err().contains("did you mean --threshold"), option.err());
    }

    @Test
    void shellCompletionIsGeneratedForEveryCommand() {
        CliRun run = CliRun.of("generate-completion");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("complete -F"), "a bash/zsh completion script");
        for (String word : List.of("rush", "watch", "suite", "--threshold", "--report")) assertTrue(run.out().contains(word), word);
    }

    @Test
    void theTopLevelHelpNamesEveryExitCode() {
        String help = CliRun.of("--help").out();
        for (String code : List.of("0 ok", "1 a check failed", "2 bad usage", "3 a rush missed a --threshold", "130 a rush stopped with Ctrl-C")) {
            assertTrue(help.contains(code), help);
        }
    }

    @Test
    void theSuiteAgainstAnHtmlServerSaysSoInOneLineAndHonoursJson() throws Exception {
        HttpServer html = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        html.createContext("/", exchange -> {
            byte[] page = "<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        html.start();
        try {
            String url = "http://127.0.0.1:" + html.getAddress().getPort();
            CliRun table = CliRun.of("suite", "--server", url);
            assertEquals(2, table.exitCode());
            assertOneLineWithoutStackTrace(table.err());
            assertTrue(table.err().contains("does not speak the Ticket-Rush contract") && !table.err().contains("<html"), table.err());
            CliRun json = CliRun.of("suite", "--server", url, "--json");
            assertEquals(2, json.exitCode());
            JsonNode answer = new ObjectMapper().readTree(json.out());
            assertFalse(answer.path("passed").asBoolean(true), json.out());
            assertTrue(answer.path("error").asText().contains("does not speak the Ticket-Rush contract"), json.out());
        } finally {
            html.stop(0);
        }
    }

    static void assertOneLineWithoutStackTrace(String err) {
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        assertFalse(err.contains("\tat "), err);
        assertFalse(err.contains("Exception"), err);
    }
}
