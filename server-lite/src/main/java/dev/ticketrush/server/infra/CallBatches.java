package dev.ticketrush.server.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands the calls of concurrent callers to one thread in batches: it takes every call waiting, up to a maximum, and
 * handles them together while the next ones gather. In a rush a batch costs one round trip where each call cost its
 * own, and a call costs its caller one wake-up. A call whose caller stopped waiting is skipped, never run late.
 */
public final class CallBatches<T, C extends CallBatches.Call<T>> implements AutoCloseable {

    /** A call and the reply its caller waits on, which the batch's handler completes. */
    public interface Call<T> {
        CompletableFuture<T> reply();
    }

    private final LinkedBlockingQueue<C> calls = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final Consumer<List<C>> handler;
    private final Supplier<RuntimeException> stopping;
    private final Thread thread;

    /** @param stopping what a caller still waiting when the batches close is answered */
    public CallBatches(String threadName, int maxBatch, Consumer<List<C>> handler, Supplier<RuntimeException> stopping) {
        this.maxBatch = maxBatch;
        this.handler = handler;
        this.stopping = stopping;
        this.thread = Thread.ofPlatform().name(threadName).daemon().start(this::run);
    }

    /** Queues the call for the next batch and waits up to {@code deadline} for its reply; a failure is thrown as the handler gave it. */
    public T call(C call, Duration deadline, Supplier<RuntimeException> late) {
        CompletableFuture<T> reply = call.reply();
        calls.add(call);
        try {
            return reply.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) throw failure;
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            reply.cancel(false); // skipped if its batch has not begun: a caller answered 503 never has its call run later
            throw late.get();
        } catch (InterruptedException e) {
            reply.cancel(false);
            Thread.currentThread().interrupt();
            throw stopping.get();
        }
    }

    private void run() {
        List<C> batch = new ArrayList<>(maxBatch);
        try {
            while (true) {
                batch.clear();
                batch.add(calls.take());
                calls.drainTo(batch, maxBatch - 1);
                batch.removeIf(call -> call.reply().isDone());
                if (!batch.isEmpty()) handle(batch);
            }
        } catch (InterruptedException closing) {
            calls.forEach(call -> call.reply().completeExceptionally(stopping.get()));
        }
    }

    /** A handler that throws fails every call of its batch it had not answered: no caller waits for a reply that never comes. */
    private void handle(List<C> batch) {
        try {
            handler.accept(batch);
        } catch (RuntimeException failed) {
            batch.forEach(call -> call.reply().completeExceptionally(failed));
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
