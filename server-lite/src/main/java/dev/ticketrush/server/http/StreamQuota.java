package dev.ticketrush.server.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many event streams this instance holds, in all and per client address: one client cannot take them all, and
 * the instance refuses streams it could not serve rather than slowing every stream down. Loopback is not counted
 * per address: the machine's own load tools hold thousands.
 */
public final class StreamQuota {

    private final int perInstance;
    private final int perAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();

    public StreamQuota(int perInstance, int perAddress) {
        this.perInstance = perInstance;
        this.perAddress = perAddress;
    }

    /** A place for one more stream from {@code address}; close it when the stream ends. */
    public Permit open(String address) {
        if (open.incrementAndGet() > perInstance) {
            open.decrementAndGet();
            throw new TooManyStreams("This instance holds its " + perInstance + " event streams at most; try again shortly", false);
        }
        if (ClientAddress.isLoopback(address)) return open::decrementAndGet;
        AtomicInteger mine = byAddress.computeIfAbsent(address, key -> new AtomicInteger());
        if (mine.incrementAndGet() > perAddress) {
            release(address, mine);
            throw new TooManyStreams(address + " holds its " + perAddress + " event streams at most", true);
        }
        return () -> release(address, mine);
    }

    public int open() {
        return open.get();
    }

    private void release(String address, AtomicInteger mine) {
        open.decrementAndGet();
        if (mine.decrementAndGet() == 0) byAddress.remove(address, mine);
    }

    /** One stream's place, given back once. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
