package dev.ticketrush.server.infra;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls of concurrent callers handled in batches on one thread: each its own reply, no caller left waiting, none run late. */
class CallBatchesTest {

    private record Echo(int value, CompletableFuture<Integer> reply) implements CallBatches.Call<Integer> {
        Echo(int value) {
            this(value, new CompletableFuture<>());
        }
    }

    /** A handler that notes each batch's values, says it is busy, holds the batch until released, then answers each value doubled. */
    private static final class HeldHandler implements Consumer<List<Echo>> {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch busy = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void accept(List<Echo> batch) {
            batches.add(batch.stream().map(Echo::value).toList());
            busy.countDown();
            awaitQuietly(release);
            batch.forEach(call -> call.reply().complete(call.value() * 2));
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void callsWaitingTogetherShareABatchAndEachGetsItsOwnReply() throws Exception {
        HeldHandler handler = new HeldHandler();
        try (var batches = new CallBatches<Integer, Echo>("test-batches", 64, handler, IllegalStateException::new);
             var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = callers.submit(() -> call(batches, new Echo(0)));
            assertTrue(handler.busy.await(10, TimeUnit.SECONDS));
            AtomicInteger calling = new AtomicInteger();
            var waiting = IntStream.rangeClosed(1, 20).mapToObj(i -> callers.submit(() -> {
                calling.incrementAndGet();
                return call(batches, new Echo(i));
            })).toList();
            while (calling.get() < 20) Thread.sleep(10);
            Thread.sleep(200); // the twenty queue up behind the busy batch
            handler.release.countDown();
            assertEquals(0, first.get());
            for (int i = 0; i < waiting.size(); i++) assertEquals(2 * (i + 1), waiting.get(i).get(), "each caller its own reply");
            assertEquals(1, handler.batches.getFirst().size());
            assertTrue(handler.batches.size() < 21, "the twenty shared batches: " + handler.batches);
        }
    }

    @Test
    void aBatchWhoseHandlerFailsFailsEachOfItsCallersInsteadOfLeavingThemWaiting() {
        try (var batches = new CallBatches<Integer, Echo>("test-batches", 64, batch -> {
            throw new IllegalStateException("the dependency broke");
        }, IllegalStateException::new)) {
            var failure = assertThrows(IllegalStateException.class, () -> call(batches, new Echo(1)));
            assertEquals("the dependency broke", failure.getMessage());
        }
    }

    @Test
    void aCallWhoseCallerGaveUpIsNeverRunLater() throws Exception {
        HeldHandler handler = new HeldHandler();
        try (var batches = new CallBatches<Integer, Echo>("test-batches", 64, handler, IllegalStateException::new);
             var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = callers.submit(() -> call(batches, new Echo(1)));
            assertTrue(handler.busy.await(10, TimeUnit.SECONDS));
            var gaveUp = assertThrows(IllegalStateException.class, () -> batches.call(new Echo(2), Duration.ofMillis(100), () -> new IllegalStateException("late")));
            assertEquals("late", gaveUp.getMessage());
            handler.release.countDown();
            assertEquals(2, first.get());
            assertEquals(6, call(batches, new Echo(3)), "the batches go on");
            assertEquals(List.of(List.of(1), List.of(3)), handler.batches);
        }
    }

    private static int call(CallBatches<Integer, Echo> batches, Echo echo) {
        return batches.call(echo, PATIENCE, () -> new IllegalStateException("no answer in time"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
