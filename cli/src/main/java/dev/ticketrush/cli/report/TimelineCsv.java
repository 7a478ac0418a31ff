package dev.ticketrush.cli.report;

import java.util.List;
import java.util.Locale;

/** A rush's timeline as CSV, one row per second, for spreadsheets and plotting tools. */
public final class TimelineCsv {

    public static final String HEADER = "second,requests,succeeded,refused,errors,p50_ms,p99_ms,queue_depth,admitted,buyers_done";

    private TimelineCsv() {
    }

    /** The header and one line per row; queue_depth is empty for a rush without the waiting room. */
    public static String render(List<TimelineSecond> timeline) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (TimelineSecond row : timeline) {
            csv.append(String.format(Locale.ROOT, "%.1f,%d,%d,%d,%d,%.2f,%.2f,%s,%d,%d\n", row.atSeconds(), row.requests(), row.succeeded(),
                    row.refused(), row.errors(), row.p50Ms(), row.p99Ms(), row.waiting() < 0 ? "" : Long.toString(row.waiting()), row.admitted(),
                    row.buyersDone()));
        }
        return csv.toString();
    }
}
