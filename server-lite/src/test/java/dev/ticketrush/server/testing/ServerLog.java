package dev.ticketrush.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What the server logs (slf4j-simple writes to standard error) while a test acts. */
public final class ServerLog {

    /** A step of a test, which may throw what the test would. */
    public interface Action {
        void run() throws Exception;
    }

    private ServerLog() {
    }

    /** Runs {@code action} with standard error captured, and answers what was written to it meanwhile. */
    public static String during(Action action) throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(stderr);
        }
        return log.toString(StandardCharsets.UTF_8);
    }
}
