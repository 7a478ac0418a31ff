package dev.ticketrush.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between a server and one of its dependencies, to take the dependency away for real: {@link #cut()}
 * drops every connection and refuses new ones, as a dead host would; {@link #stall()} keeps every connection open but
 * carries no byte, as a frozen server or a silent partition would; {@link #restore()} ends either.
 */
public final class TcpRelay implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean stalled;

    public TcpRelay(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    public int port() {
        return port;
    }

    /** Drops every connection and refuses new ones. */
    public synchronized void cut() {
        stalled = false;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
        sockets.forEach(TcpRelay::closeQuietly);
        sockets.clear();
    }

    /** Carries no more bytes either way, and connects nothing new, while every connection stays open. */
    public void stall() {
        stalled = true;
    }

    /** Carries bytes again and accepts connections again, on the same port. */
    public synchronized void restore() {
        stalled = false;
        if (!listener.isClosed()) return; // only stalled
        listener = bind(port);
        accept(listener);
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket from) {
        Thread.ofVirtual().start(() -> {
            while (!from.isClosed()) {
                try {
                    Socket client = from.accept();
                    sockets.add(client);
                    awaitFlow();
                    if (from.isClosed()) {
                        closeQuietly(client); // cut while stalled
                        return;
                    }
                    Socket target = new Socket(targetHost, targetPort);
                    sockets.add(target);
                    pipe(client, target);
                    pipe(target, client);
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[16 * 1024];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    awaitFlow(); // what arrives during a stall is held, as a frozen peer's socket buffer would hold it
                    out.write(buffer, 0, read);
                }
            } catch (IOException dropped) {
                // one side went: the other goes too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    private void awaitFlow() throws IOException {
        try {
            while (stalled) Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("relay stopped", e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        cut();
    }
}
