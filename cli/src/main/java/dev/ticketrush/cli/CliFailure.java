package dev.ticketrush.cli;

/** A failure the user should see as one line, with the exit code it deserves. */
public class CliFailure extends RuntimeException {

    public static final int CHECK_FAILED = 1;
    public static final int USAGE_OR_CONNECTION = 2;
    /** A rush that passed its check but missed a --threshold. */
    public static final int THRESHOLD_FAILED = 3;

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
