package dev.ticketrush.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

import java.util.function.Consumer;

/** Javalin on Jetty with virtual threads; the routes and the error mapping are installed by the caller. */
public final class HttpServer implements AutoCloseable {

    /** A rush opens thousands of connections at once; the default backlog of 50 drops some of them. */
    private static final int ACCEPT_QUEUE = 4096;

    private final Javalin app;

    public HttpServer(ObjectMapper json, int port, Consumer<Javalin> routes) {
        this.app = Javalin.create(config -> {
            config.useVirtualThreads = true;
            config.showJavalinBanner = false;
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JavalinJackson(json, true));
            config.jetty.addConnector((server, httpConfig) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                connector.setHost("0.0.0.0");
                connector.setPort(port);
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                return connector;
            });
        });
        routes.accept(app);
    }

    public HttpServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
