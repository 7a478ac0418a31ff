package dev.ticketrush.server.http;

import org.eclipse.jetty.http.HttpParser;
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
 * Closes a connection whose request (headers and body) is still arriving after the deadline. Jetty's idle timeout
 * resets on every byte, so a request trickled a byte at a time (slowloris) would otherwise hold its connection for as
 * long as the client likes. Jetty's minimum data rate is no substitute: it refuses a small body whose last bytes come
 * a few tens of milliseconds after its first, which a busy client or network does to honest buyers.
 */
final class RequestDeadline extends AbstractLifeCycle implements Connection.Listener {

    /** Where a connection was first seen mid-request: which request (by count) and since when. */
    private record Started(long request, long atNanos) {
    }

    private static final Started NOT_ARRIVING = new Started(-1, 0);

    private final long deadlineNanos;
    private final Map<HttpConnection, Started> open = new ConcurrentHashMap<>();
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
        if (connection instanceof HttpConnection http) open.put(http, NOT_ARRIVING);
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    private void sweep() {
        long now = System.nanoTime();
        open.replaceAll((connection, started) -> {
            if (!arriving(connection)) return NOT_ARRIVING;
            long request = connection.getMessagesIn();
            if (started.request() != request) return new Started(request, now);
            if (now - started.atNanos() > deadlineNanos) connection.getEndPoint().close();
            return started;
        });
    }

    /**
     * Whether a request has begun and its headers or body are not all here yet. A request without a body stays in
     * Jetty's content state while it is handled, so an event stream's GET would otherwise be cut off at the deadline.
     */
    private static boolean arriving(HttpConnection connection) {
        HttpParser parser = connection.getParser();
        return !parser.isStart() && (parser.inHeaderState() || parser.inContentState() && unreadBody(parser));
    }

    private static boolean unreadBody(HttpParser parser) {
        return parser.isChunking() || parser.getContentRead() < parser.getContentLength();
    }
}
