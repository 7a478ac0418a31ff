package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.cli.report.HtmlReport;
import dev.ticketrush.cli.report.TimelineCsv;
import dev.ticketrush.cli.swarm.RushResult;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The files a rush may leave behind: the summary as JSON, the timeline as CSV and the HTML report. */
final class RushFiles {

    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the summary, as --json prints it, to this file (schema in the README).")
    Path summary;

    @Option(names = "--timeline", paramLabel = "FILE.csv",
            description = "Write one CSV row per second: requests, successes, refusals, errors, p50/p99, queue depth, admitted.")
    Path timeline;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Write one self-contained HTML page: charts over time, the outcomes and the verdict (opens without network).")
    Path report;

    /** Refuses, before any buyer is created, a file whose folder does not exist. */
    void requireFolders() {
        Stream.of(summary, timeline, report).filter(f -> f != null).forEach(file -> {
            Path folder = file.toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "cannot write " + file + ": the folder " + folder + " does not exist");
            }
        });
    }

    void write(RushResult rush) {
        if (summary != null) write(summary, json(rush));
        if (timeline != null) write(timeline, TimelineCsv.render(rush.timeline()));
        if (report != null) write(report, new HtmlReport().render(rush.summary(), rush.timeline()));
    }

    private static String json(RushResult rush) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rush.summary()) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
