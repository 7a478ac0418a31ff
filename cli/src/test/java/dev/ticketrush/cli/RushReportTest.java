package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RushReportTest extends ServerTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    RushReportTest(TestServices services) {
        super(services);
    }

    @Test
    void theHtmlReportDrawsItsChartsInAHeadlessBrowserWithoutNetwork(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it): the report is not rendered");
        long[] ids = http.setupConcert(40);
        Path report = dir.resolve("report.html");
        Path timeline = dir.resolve("timeline.csv");
        CliRun run = CliRun.of("rush", "--server", server.baseUrl(), "--concert", Long.toString(ids[0]), "--via-queue",
                "--queue-capacity", "150", "--admit-rate", "50/s", "--arrival", "stages:0/s..100/s@1s,100/s@1s", "--pattern", "random", "--quiet", "--concurrency", "16",
                "--report", report.toString(), "--timeline", timeline.toString(), "--threshold", "sold==seats", "--threshold", "p99<5s", "--json");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        JsonNode summary = new ObjectMapper().readTree(run.out());
        String html = Files.readString(report);
        assertFalse(Pattern.compile("(src|href)\\s*=|<link|@import|url\\(").matcher(html).find(), "nothing to fetch at view time");
        assertTrue(html.contains("\"soldSeats\":" + summary.path("check").path("soldSeats").asInt()), "the page carries the summary");

        List<String> rows = Files.readAllLines(timeline);
        assertTrue(rows.stream().skip(1).anyMatch(row -> !row.split(",", -1)[7].isEmpty() && Integer.parseInt(row.split(",", -1)[7]) > 0),
                "the timeline holds the queue's depth while buyers wait: " + rows);
        assertEquals(150, rows.stream().skip(1).mapToInt(row -> Integer.parseInt(row.split(",")[8])).sum(), "every admission, once: " + rows);

        String dom = chromium(dir, "--dump-dom", report.toUri().toString());
        assertTrue(dom.contains("data-charts-drawn=\"4\""), "four charts drawn: " + clip(dom));
        assertEquals(8, drawnLines(dom), "requests, succeeded, refused, errors; p50, p99; queue depth, admitted/s");
        assertTrue(count(dom, "data-series=\"sold a seat\"") == 1, "the outcome breakdown");
        assertTrue(dom.contains("Independent check: PASS"), clip(dom));
        assertTrue(dom.contains("met: sold==seats"), clip(dom));
        assertTrue(points(dom, "requests") >= 2, "the throughput line has a point per second");

        Path screenshot = docs().resolve("rush-report.png");
        chromium(dir, "--screenshot=" + screenshot, "--window-size=1280,1080", "--hide-scrollbars", report.toUri().toString());
        assertTrue(Files.size(screenshot) > 10_000, "the README's screenshot: " + screenshot);
    }

    /** Headless Chromium with a fresh profile and every network feature off (the machine may have none). */
    private static String chromium(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium")));
        command.addAll(List.of(args));
        Process browser = new ProcessBuilder(command).redirectError(dir.resolve("chromium.log").toFile()).start();
        byte[] out = browser.getInputStream().readAllBytes();
        assertTrue(browser.waitFor(60, TimeUnit.SECONDS), "chromium answered within a minute");
        assertEquals(0, browser.exitValue(), Files.readString(dir.resolve("chromium.log")));
        return new String(out, StandardCharsets.UTF_8);
    }

    /** docs/ at the repository's root, where the README finds the screenshot. */
    private static Path docs() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
        return root.resolve("docs");
    }

    private static int points(String dom, String series) {
        Matcher line = Pattern.compile("points=\"([^\"]*)\" data-series=\"" + series + "\"").matcher(dom);
        return line.find() ? line.group(1).split(" ").length : 0;
    }

    /** Lines the script drew, not the script's own text, which the dumped DOM holds too. */
    private static long drawnLines(String dom) {
        return Pattern.compile("<polyline [^>]*points=\"\\d").matcher(dom).results().count();
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static String clip(String dom) {
        return dom.length() > 3000 ? dom.substring(0, 3000) : dom;
    }
}
