package dev.ticketrush.server.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request headers are still unfinished after the deadline. Jetty's minimum data rate covers
 * bodies only and its idle timeout resets on every byte, so a header trickled a byte at a time (slowloris) would
 * otherwise hold its connection for as long as the client likes.
 */
final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {

    /** Where a connection was first seen mid-header: which request (by count) and since when. */
    private record Started(long request, long atNanos) {
    }

    private static final Started NOT_IN_HEADERS = new Started(-1, 0);

    private final long deadlineNanos;
    private final Map<HttpConnection, Started> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .name("header-deadline").daemon().factory());

    HeaderDeadline(Duration deadline) {
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
        if (connection instanceof HttpConnection http) open.put(http, NOT_IN_HEADERS);
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    private void sweep() {
        long now = System.nanoTime();
        open.replaceAll((connection, started) -> {
            if (!midHeaders(connection)) return NOT_IN_HEADERS;
            long request = connection.getMessagesIn();
            if (started.request() != request) return new Started(request, now);
            if (now - started.atNanos() > deadlineNanos) connection.getEndPoint().close();
            return started;
        });
    }

    private static boolean midHeaders(HttpConnection connection) {
        return connection.getParser().inHeaderState() && !connection.getParser().isStart();
    }
}
