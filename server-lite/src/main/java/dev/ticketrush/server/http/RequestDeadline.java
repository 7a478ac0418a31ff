package dev.ticketrush.server.http;

import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off a request (headers and body) still arriving after the deadline. Jetty's idle timeout resets on every byte,
 * so a request trickled a byte at a time (slowloris) would otherwise hold its connection for as long as the client
 * likes. Jetty's minimum data rate is no substitute: it refuses a small body whose last bytes come a few tens of
 * milliseconds after its first, which a busy client or network does to honest buyers.
 */
final class RequestDeadline extends AbstractLifeCycle implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);

    private final long deadlineNanos;
    private final Map<Connection, Arrival> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .name("request-deadline").daemon().factory());

    RequestDeadline(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    protected void doStart() {
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
        open.clear();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http1) open.put(connection, new Http1Arrival(http1));
        else if (connection instanceof HTTP2Connection http2) open.put(connection, new Http2Arrival(http2));
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Arrival arrival : open.values()) {
            try {
                arrival.enforce(now, deadlineNanos);
            } catch (RuntimeException e) { // one connection's failure must not end the sweeps: the executor would stop them
                LOG.warn("Request deadline could not check a connection", e);
            }
        }
    }
}
