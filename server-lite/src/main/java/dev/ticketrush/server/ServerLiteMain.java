package dev.ticketrush.server;

import dev.ticketrush.server.config.ServerConfig;

/** Runs server-lite from {@code TICKETRUSH_*} environment variables alone, for containers and crash tests. */
public final class ServerLiteMain {

    private ServerLiteMain() {
    }

    public static void main(String[] args) {
        ServerLite server = new ServerLite(ServerConfig.fromEnvironment(System.getenv())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "server-lite-shutdown"));
        System.out.println("server-lite listening on " + server.baseUrl());
    }
}
