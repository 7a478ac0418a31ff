package dev.ticketrush.server.drill;

import io.javalin.http.Context;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A rehearsed crash: on request (server started with {@code --allow-faults}, admin only) this instance answers, then halts
 * its JVM the way {@code kill -9} would, with no shutdown hook, no drained connection and no farewell to Kafka or Redis.
 */
public final class InstanceCrash {

    /** Long enough for the 202 to leave, short enough that requests already in flight are cut like a real crash. */
    private static final Duration ANSWER_FIRST = Duration.ofMillis(100);
    /** The exit status of a process killed by SIGKILL. */
    private static final int KILLED = 137;

    private final Runnable halt;

    public InstanceCrash(Runnable halt) {
        this.halt = halt;
    }

    /** Halts the running JVM. */
    public static InstanceCrash ofThisProcess() {
        return new InstanceCrash(() -> Runtime.getRuntime().halt(KILLED));
    }

    /** {@code GET /api/admin/faults}: which faults this instance takes. */
    public void offered(Context ctx) {
        ctx.json(Map.of("faults", List.of("crash")));
    }

    /** {@code POST /api/admin/faults/crash}. */
    public void crash(Context ctx) {
        ctx.status(202).json(Map.of("crashing", ProcessHandle.current().pid()));
        Thread.ofPlatform().name("rehearsed-crash").start(() -> {
            try {
                Thread.sleep(ANSWER_FIRST);
            } catch (InterruptedException ignored) {
                // halt all the same
            }
            halt.run();
        });
    }
}
