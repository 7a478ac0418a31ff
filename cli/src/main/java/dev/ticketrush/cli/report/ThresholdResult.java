package dev.ticketrush.cli.report;

/**
 * One threshold's verdict, as the summary, {@code --out} and the report show it.
 *
 * @param threshold as given, e.g. {@code p99<300ms}
 * @param actual    the rush's value of the metric on the left (milliseconds for times)
 * @param limit     the value it was held to (the right side's metric value, or the number in milliseconds for times)
 * @param passed    the rush met it
 */
public record ThresholdResult(String threshold, double actual, double limit, boolean passed) {
}
