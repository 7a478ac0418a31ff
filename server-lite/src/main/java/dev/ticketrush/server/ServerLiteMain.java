package dev.ticketrush.server;

/** Runs server-lite from {@code TICKETRUSH_*} environment variables alone: the container's entry point. */
public final class ServerLiteMain {

    private ServerLiteMain() {
    }

    public static void main(String[] args) {
        ServerLite server = new ServerLite(ServerConfig.fromEnvironment(System.getenv()).build()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "server-lite-shutdown"));
        System.out.println("server-lite listening on " + server.baseUrl());
    }
}
