package dev.ticketrush.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A rush as one self-contained HTML page: the summary and timeline inlined as JSON, drawn as SVG by a small inline script,
 * so the page needs no network when it is opened.
 */
public final class HtmlReport {

    private static final String TEMPLATE = "/report/rush-report.html";
    private static final String DATA = "__RUSH_DATA__";

    private final ObjectMapper json = new ObjectMapper();

    public String render(RushSummary summary, List<TimelineSecond> timeline) {
        String data;
        try {
            // "<" escaped so no text in the data can close the script element
            data = json.writeValueAsString(Map.of("summary", summary, "timeline", timeline)).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return template().replace(DATA, data);
    }

    private static String template() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) throw new IllegalStateException(TEMPLATE + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
