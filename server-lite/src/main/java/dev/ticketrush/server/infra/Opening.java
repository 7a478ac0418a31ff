package dev.ticketrush.server.infra;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A dependency being opened on a thread of its own while start-up opens the others (Redis' clients and Kafka's topic
 * need not wait for Flyway). {@link #get} waits for it; {@link #close} closes whatever it opened, even if nobody asked.
 */
public final class Opening<T> implements AutoCloseable {

    /** How to close what was opened. */
    @FunctionalInterface
    public interface Closer<T> {
        void close(T opened) throws Exception;
    }

    private final CompletableFuture<T> future;
    private final Closer<T> closer;

    private Opening(CompletableFuture<T> future, Closer<T> closer) {
        this.future = future;
        this.closer = closer;
    }

    public static <T> Opening<T> start(String name, Supplier<T> opener, Closer<T> closer) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread.ofPlatform().name("opening-" + name).daemon().start(() -> {
            try {
                future.complete(opener.get());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        return new Opening<>(future, closer);
    }

    /** What was opened; the opener's own exception if it failed. */
    public T get() {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        T opened;
        try {
            opened = future.join();
        } catch (CompletionException | CancellationException failed) {
            return;
        }
        closer.close(opened);
    }
}
