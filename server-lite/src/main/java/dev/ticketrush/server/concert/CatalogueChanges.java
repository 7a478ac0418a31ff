package dev.ticketrush.server.concert;

import dev.ticketrush.server.infra.Database;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Listens on PostgreSQL's {@code catalogue_changes} channel, which the schema's triggers notify at the commit of every
 * sale, cancel, setup and cleanup, and hands each change to the {@link Catalogue}. While the listening connection is
 * down the catalogue is told so, and reads go to the database until it is listening again.
 */
public final class CatalogueChanges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueChanges.class);
    private static final String CHANNEL = "catalogue_changes";
    private static final int WAIT_MS = 500;
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(500);
    private static final Duration PING_EVERY = Duration.ofSeconds(2);
    private static final int PING_TIMEOUT_SECONDS = 2;
    private static final Duration FIRST_LISTEN_WAIT = Duration.ofSeconds(5);

    private final Database db;
    private final Catalogue catalogue;
    private final Thread loop;
    private volatile boolean running = true;
    private volatile Connection connection;
    private final CountDownLatch firstListen = new CountDownLatch(1);

    public CatalogueChanges(Database db, Catalogue catalogue) {
        this.db = db;
        this.catalogue = catalogue;
        this.loop = Thread.ofPlatform().name("catalogue-changes").daemon().unstarted(this::listen);
    }

    /** Listens from now on, and returns once the first LISTEN is in place (or a few seconds have passed), so the cache serves from the start. */
    public CatalogueChanges start() {
        loop.start();
        try {
            firstListen.await(FIRST_LISTEN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    private void listen() {
        boolean wasDown = false;
        while (running) {
            try (Connection listening = db.unpooled(5)) {
                connection = listening;
                try (Statement listen = listening.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                catalogue.listening(true);
                firstListen.countDown();
                if (wasDown) LOG.info("listening for catalogue changes again; the cache serves once more");
                wasDown = false;
                relay(listening);
            } catch (SQLException e) {
                if (!running) return;
                catalogue.listening(false);
                if (!wasDown) LOG.warn("not listening for catalogue changes ({}); catalogue reads go to the database", e.getMessage());
                wasDown = true;
                pause();
            }
        }
    }

    /** Hands on every change; a connection that stops answering its ping is given up, so a silent partition is noticed in seconds. */
    private void relay(Connection listening) throws SQLException {
        PGConnection notifications = listening.unwrap(PGConnection.class);
        long nextPing = System.nanoTime() + PING_EVERY.toNanos();
        while (running) {
            PGNotification[] changes = notifications.getNotifications(WAIT_MS);
            if (changes != null) for (PGNotification change : changes) catalogue.changed(change.getParameter());
            if (System.nanoTime() - nextPing > 0) {
                if (!listening.isValid(PING_TIMEOUT_SECONDS)) throw new SQLException("the listening connection stopped answering");
                nextPing = System.nanoTime() + PING_EVERY.toNanos();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        catalogue.listening(false);
        try {
            Connection current = connection;
            if (current != null) current.close();
        } catch (SQLException ignored) {
            // closing is all we want
        }
        loop.interrupt();
    }
}
