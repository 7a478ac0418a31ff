package dev.ticketrush.cli.report;

/**
 * One second of a rush, as {@code --timeline} and the HTML report show it; the last row may cover a shorter span.
 *
 * @param atSeconds   the end of the span, after the first arrival
 * @param requests    reservation requests answered in the span
 * @param succeeded   of which sold a seat
 * @param refused     of which refused (409, 403, FAIL_*)
 * @param errors      of which errors (any other answer, a lost connection)
 * @param p50Ms       median latency of the span's requests
 * @param p99Ms       99th percentile of the span's requests
 * @param waiting     buyers in the waiting room at the end of the span, or -1 without a room (or when it could not be read)
 * @param admitted    buyers admitted from the room in the span
 * @param buyersDone  buyers done so far
 */
public record TimelineSecond(double atSeconds, int requests, int succeeded, int refused, int errors, double p50Ms, double p99Ms,
                             long waiting, int admitted, int buyersDone) {
}
