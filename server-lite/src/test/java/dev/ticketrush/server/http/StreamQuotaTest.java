package dev.ticketrush.server.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamQuotaTest {

    private static final String CLIENT = "203.0.113.5";

    @Test
    void anAddressHoldsNoMoreStreamsThanItsShareAndGetsThemBackWhenTheyEnd() {
        StreamQuota quota = new StreamQuota(100, 2);
        StreamQuota.Permit first = quota.open(CLIENT);
        quota.open(CLIENT);
        assertThrows(TooManyStreams.class, () -> quota.open(CLIENT));
        quota.open("198.51.100.1").close();
        first.close();
        quota.open(CLIENT);
        assertEquals(2, quota.open());
    }

    @Test
    void streamsOpeningAndEndingAtOnceNeverLetAnAddressHoldMoreThanItsShare() throws Exception {
        int share = 2;
        StreamQuota quota = new StreamQuota(1_000, share);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            clients.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    StreamQuota.Permit permit;
                    try {
                        permit = quota.open(CLIENT);
                    } catch (TooManyStreams refused) {
                        continue;
                    }
                    most.accumulateAndGet(held.incrementAndGet(), Math::max);
                    held.decrementAndGet();
                    permit.close();
                }
            }));
        }
        for (Thread client : clients) client.join();
        assertTrue(most.get() <= share, "at most " + share + " held at once, seen " + most.get());
        assertEquals(0, quota.open(), "every stream given back");
        for (int i = 0; i < share; i++) quota.open(CLIENT);
        assertThrows(TooManyStreams.class, () -> quota.open(CLIENT), "no count was orphaned: the share is whole again and no larger");
    }
}
