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
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls of concurrent callers handled in batches on one thread: each its own reply, no caller left waiting, none run late. */
class CallBatchesTest {

    private record Echo(int value, CompletableFuture<Integer> reply) implements CallBatches.Call {
        Echo(int value) {
            this(value, new CompletableFuture<>());
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void callsWaitingTogetherShareABatchAndEachGetsItsOwnReply() throws Exception {
        CountDownLatch firstBatchBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        try (var batches = new CallBatches<Echo>("test-batches", 64, batch -> {
            batchSizes.add(batch.size());
            firstBatchBusy.countDown();
            awaitQuietly(release);
            batch.forEach(call -> call.reply().complete(call.value() * 2));
        }, IllegalStateException::new); var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = callers.submit(() -> call(batches, new Echo(0)));
            assertTrue(firstBatchBusy.await(10, TimeUnit.SECONDS));
            AtomicInteger calling = new AtomicInteger();
            var waiting = IntStream.rangeClosed(1, 20).mapToObj(i -> callers.submit(() -> {
                calling.incrementAndGet();
                return call(batches, new Echo(i));
            })).toList();
            while (calling.get() < 20) Thread.sleep(10);
            Thread.sleep(200); // the twenty queue up behind the busy batch
            release.countDown();
            assertEquals(0, first.get());
            for (int i = 0; i < waiting.size(); i++) assertEquals(2 * (i + 1), waiting.get(i).get(), "each caller its own reply");
            assertEquals(1, batchSizes.getFirst());
            assertTrue(batchSizes.size() < 21, "the twenty shared batches: " + batchSizes);
        }
    }

    @Test
    void aBatchWhoseHandlerFailsFailsEachOfItsCallersInsteadOfLeavingThemWaiting() {
        try (var batches = new CallBatches<Echo>("test-batches", 64, batch -> {
            throw new IllegalStateException("the dependency broke");
        }, IllegalStateException::new)) {
            var failure = assertThrows(IllegalStateException.class, () -> call(batches, new Echo(1)));
            assertEquals("the dependency broke", failure.getMessage());
        }
    }

    @Test
    void aCallWhoseCallerGaveUpIsNeverRunLater() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> handled = new CopyOnWriteArrayList<>();
        try (var batches = new CallBatches<Echo>("test-batches", 64, batch -> {
            batch.forEach(call -> handled.add(call.value()));
            busy.countDown();
            awaitQuietly(release);
            batch.forEach(call -> call.reply().complete(call.value()));
        }, IllegalStateException::new); var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = callers.submit(() -> call(batches, new Echo(1)));
            assertTrue(busy.await(10, TimeUnit.SECONDS));
            Echo late = new Echo(2);
            var gaveUp = assertThrows(IllegalStateException.class, () -> batches.call(late, late.reply(), Duration.ofMillis(100), () -> new IllegalStateException("late")));
            assertEquals("late", gaveUp.getMessage());
            release.countDown();
            assertEquals(1, first.get());
            assertEquals(3, call(batches, new Echo(3)), "the batches go on");
            assertEquals(List.of(1, 3), handled);
        }
    }

    private static int call(CallBatches<Echo> batches, Echo echo) {
        return batches.call(echo, echo.reply(), PATIENCE, () -> new IllegalStateException("no answer in time"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
