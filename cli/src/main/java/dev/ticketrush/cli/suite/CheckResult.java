package dev.ticketrush.cli.suite;

/** The outcome of one check, for the PASS/FAIL table and --json. */
public record CheckResult(String step, String check, boolean passed, long millis, String detail) {
}
