package dev.ticketrush.cli.suite;

/** What the server did that the contract does not allow. */
final class CheckFailed extends RuntimeException {
    CheckFailed(String message) {
        super(message);
    }

    static void expect(boolean condition, String message) {
        if (!condition) throw new CheckFailed(message);
    }
}
