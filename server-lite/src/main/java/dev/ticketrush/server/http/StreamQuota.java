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
    /** Streams per address, counted and dropped at 0 in the map's own atomic step per key, so no count is ever orphaned. */
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();

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
        if (byAddress.merge(address, 1, Integer::sum) > perAddress) {
            release(address);
            throw new TooManyStreams(address + " holds its " + perAddress + " event streams at most", true);
        }
        return () -> release(address);
    }

    public int open() {
        return open.get();
    }

    private void release(String address) {
        open.decrementAndGet();
        byAddress.computeIfPresent(address, (key, streams) -> streams == 1 ? null : streams - 1);
    }

    /** One stream's place, given back once. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
