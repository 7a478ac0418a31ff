package dev.ticketrush.cli;

import dev.ticketrush.cli.swarm.RushStop;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, the first Ctrl-C (SIGINT) stops the rush gracefully, so its partial summary and check still print; a
 * second one ends the process at once, as a user pressing it twice expects.
 */
final class CtrlC implements AutoCloseable {

    static final int EXIT_CODE = 130;
    private static final Signal INT = new Signal("INT");

    private final SignalHandler previous;

    CtrlC(RushStop stop, Runnable onFirst) {
        this.previous = Signal.handle(INT, signal -> {
            if (stop.requested()) Runtime.getRuntime().halt(EXIT_CODE);
            stop.stop();
            onFirst.run();
        });
    }

    @Override
    public void close() {
        Signal.handle(INT, previous);
    }
}
