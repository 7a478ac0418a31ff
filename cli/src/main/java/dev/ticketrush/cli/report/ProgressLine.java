package dev.ticketrush.cli.report;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * A rush's live line on stderr, once a second: rewritten in place on a terminal, one line a second otherwise (a log,
 * a CI job, the demo), so whoever watches sees the rush move.
 */
public final class ProgressLine {

    private final PrintStream out;
    private final Supplier<String> snapshot;
    private final boolean terminal = System.console() != null;
    private final long started = System.nanoTime();
    private final Thread ticker;

    private ProgressLine(PrintStream out, Supplier<String> snapshot) {
        this.out = out;
        this.snapshot = snapshot;
        this.ticker = Thread.ofVirtual().name("progress-line").unstarted(this::tick);
    }

    public static ProgressLine start(PrintStream out, Supplier<String> snapshot) {
        ProgressLine line = new ProgressLine(out, snapshot);
        line.ticker.start();
        return line;
    }

    private void tick() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1_000);
                print();
            }
        } catch (InterruptedException stopped) {
            // the rush is over
        }
    }

    private void print() {
        String line = String.format("[%5.1fs] %s", (System.nanoTime() - started) / 1e9, snapshot.get());
        if (terminal) out.print("\r" + line + "   ");
        else out.println(line);
        out.flush();
    }

    public void stop() {
        ticker.interrupt();
        try {
            ticker.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal) {
            out.print("\r" + " ".repeat(120) + "\r");
            out.flush();
        }
    }
}
