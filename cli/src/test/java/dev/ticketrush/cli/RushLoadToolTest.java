package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.cli.report.TimelineCsv;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RushLoadToolTest extends ServerTest {

    private final ObjectMapper json = new ObjectMapper();
    private final SaleInvariants invariants;

    RushLoadToolTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    @Test
    void theSummaryFileEqualsTheJsonAndTheTimelineAddsUpToTheRequests(@TempDir Path dir) throws Exception {
        long[] ids = http.setupConcert(20);
        Path out = dir.resolve("summary.json");
        Path timeline = dir.resolve("timeline.csv");
        CliRun run = CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]), "--users", "120", "--concurrency", "16",
                "--arrival", "ramp:60/s", "--pattern", "random", "--json", "--quiet", "--out", out.toString(), "--timeline", timeline.toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());
        JsonNode printed = json.readTree(run.out());
        assertEquals(printed, json.readTree(out.toFile()));
        List<String> rows = Files.readAllLines(timeline);
        assertEquals(TimelineCsv.HEADER, rows.getFirst());
        assertTrue(rows.size() >= 3, "120 buyers at 60/s take two seconds or more, one row each: " + rows);
        int requests = rows.stream().skip(1).mapToInt(row -> Integer.parseInt(row.split(",")[1])).sum();
        int succeeded = rows.stream().skip(1).mapToInt(row -> Integer.parseInt(row.split(",")[2])).sum();
        assertEquals(printed.path("requests").path("total").asInt(), requests, rows.toString());
        assertEquals(20, succeeded, rows.toString());
        assertEquals("", rows.get(1).split(",", -1)[7], "no queue depth without the waiting room");
        invariants.assertSoldExactlyOnce(ids[1], 20);
    }

    @Test
    void failedThresholdExitsWithItsOwnCodeAndIsNamedInTheSummary() throws Exception {
        long[] ids = http.setupConcert(10);
        CliRun run = CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]), "--users", "30", "--quiet", "--json",
                "--threshold", "sold==seats", "--threshold", "errors==0", "--threshold", "p99<0ms");
        assertEquals(CliFailure.THRESHOLD_FAILED, run.exitCode(), run.err() + run.out());
        JsonNode thresholds = json.readTree(run.out()).path("thresholds");
        assertEquals(3, thresholds.size(), run.out());
        assertTrue(thresholds.get(0).path("passed").asBoolean() && thresholds.get(1).path("passed").asBoolean(), run.out());
        assertEquals("p99<0ms", thresholds.get(2).path("threshold").asText());
        assertFalse(thresholds.get(2).path("passed").asBoolean());

        long[] more = http.setupConcert(10);
        CliRun table = CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(more[0]), "--users", "30", "--quiet",
                "--threshold", "p99 < 30s", "--threshold", "sold==seats");
        assertEquals(0, table.exitCode(), table.err() + table.out());
        assertTrue(table.out().contains("threshold p99 < 30s: met"), table.out());
    }

    @Test
    void stagesAndADurationDecideHowManyBuyersArriveAndWhen() throws Exception {
        long[] ids = http.setupConcert(200);
        CliRun staged = CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]), "--pattern", "spread", "--quiet", "--json", "--concurrency", "16",
                "--arrival", "stages:0/s..80/s@1s,80/s@0.5s");
        assertEquals(0, staged.exitCode(), staged.err() + staged.out());
        JsonNode summary = json.readTree(staged.out());
        assertEquals(80, summary.path("buyers").path("total").asInt(), "40 on the ramp, 40 at the plateau");
        assertEquals("stages:0/s..80/s@1s,80/s@0.5s", summary.path("plan").path("arrival").asText());
        assertTrue(summary.path("durationMs").asLong() >= 1_450, summary.path("durationMs").toString());

        CliRun steady = CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]), "--pattern", "spread", "--quiet", "--json", "--concurrency", "16",
                "--arrival", "ramp:50/s", "--duration", "1s");
        assertEquals(0, steady.exitCode(), steady.err() + steady.out());
        assertEquals(50, json.readTree(steady.out()).path("buyers").path("total").asInt());
        invariants.assertSoldExactlyOnce(ids[1], 130);
    }

    @Test
    void badLoadFlagsGetOneLineAndExitCode2() {
        for (String[] args : List.of(
                new String[] {"rush", "--concert", "1", "--threshold", "p99 about 300ms"},
                new String[] {"rush", "--concert", "1", "--threshold", "speed<3"},
                new String[] {"rush", "--concert", "1", "--threshold", "errors<3ms"},
                new String[] {"rush", "--concert", "1", "--arrival", "stages:0/s..10/s"},
                new String[] {"rush", "--concert", "1", "--arrival", "stages:10/s@1s", "--users", "5"},
                new String[] {"rush", "--concert", "1", "--duration", "10s"},
                new String[] {"rush", "--concert", "1", "--arrival", "ramp:5/s", "--duration", "soon"},
                new String[] {"rush", "--concert", "1", "--out", "/no/such/folder/summary.json"})) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + " -> " + run.err());
            CliUsageTest.assertOneLineWithoutStackTrace(run.err());
        }
    }

    @Test
    void ctrlCStopsArrivalsAndPrintsThePartialSummaryAndCheck() throws Exception {
        long[] ids = http.setupConcert(500);
        Process rush = cli("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]), "--users", "200", "--arrival", "ramp:20/s", "--concurrency", "8",
                "--pattern", "spread");
        List<String> errLines = new ArrayList<>();
        // a thread each: the common pool may have one worker, and the stdout reader blocks until the end
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(rush, false, null), Executors.newVirtualThreadPerTaskExecutor());
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(rush, true, errLines), Executors.newVirtualThreadPerTaskExecutor());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (liveLines(errLines) < 2 && System.nanoTime() < deadline && rush.isAlive()) Thread.sleep(100);
        assertTrue(liveLines(errLines) >= 2, "a live line a second, without a terminal: " + errLines);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(rush.pid())).redirectErrorStream(true).start();
        assertEquals(0, kill.waitFor(), new String(kill.getInputStream().readAllBytes()));
        assertTrue(rush.waitFor(60, TimeUnit.SECONDS), "the rush ends soon after Ctrl-C");
        assertEquals(130, rush.exitValue(), err.get() + out.get());
        String table = out.get();
        assertTrue(table.contains("stopped early (Ctrl-C)"), table);
        assertTrue(table.contains("independent check             PASS"), table);
        String live = errLines.stream().filter(line -> line.contains("req/s")).findFirst().orElseThrow();
        for (String part : List.of("buyers ", "/200", "sold ", "refused ", "errors ", "req/s", "p99 ")) assertTrue(live.contains(part), live);
        int sold = Integer.parseInt(table.lines().filter(line -> line.startsWith("  sold a seat")).findFirst().orElseThrow().replaceAll("\\D", ""));
        assertTrue(sold > 0 && sold < 200, "some buyers arrived before Ctrl-C, not all: " + table);
        invariants.assertSoldExactlyOnce(ids[1], sold);
    }

    private static long liveLines(List<String> lines) {
        synchronized (lines) {
            return lines.stream().filter(line -> line.contains("req/s")).count();
        }
    }

    /** The CLI in a JVM of its own, with SIGINT at its default even where the build was started with it ignored. */
    static Process cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                TicketRush.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(new File(".")).start();
    }

    private static String read(Process process, boolean stderr, List<String> lines) {
        StringBuilder all = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr ? process.getErrorStream() : process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                all.append(line).append('\n');
                if (lines != null) synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (java.io.IOException e) {
            all.append(e);
        }
        return all.toString();
    }
}
