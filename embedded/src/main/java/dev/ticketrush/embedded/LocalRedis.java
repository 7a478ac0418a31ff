package dev.ticketrush.embedded;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A redis-server from the embedded-redis jar's binary, on a free loopback port, persisting nothing. */
public final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    public LocalRedis(Path dataDir) {
        this.port = FreePort.pick();
        try {
            this.server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("dir " + dataDir.toAbsolutePath())
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start: " + e.getMessage(), e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
