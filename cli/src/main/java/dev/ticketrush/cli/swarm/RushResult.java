package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.report.RushSummary;
import dev.ticketrush.cli.report.TimelineSecond;

import java.util.List;

/** A rush's summary and its timeline, one row per second. */
public record RushResult(RushSummary summary, List<TimelineSecond> timeline) {

    public RushResult {
        timeline = List.copyOf(timeline);
    }
}
