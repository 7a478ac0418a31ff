package dev.ticketrush.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.RequestLogger;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

import java.time.Duration;
import java.util.function.Consumer;

/** Javalin on Jetty with virtual threads; the routes and the error mapping are installed by the caller. */
public final class HttpServer implements AutoCloseable {

    /** A rush opens thousands of connections at once; the default backlog of 50 drops some of them. */
    private static final int ACCEPT_QUEUE = 4096;
    /** A connection silent this long is closed; KEEPALIVE frames every 15 s keep event streams well inside it. */
    private static final long IDLE_TIMEOUT_MS = 20_000;
    /** A request (headers and body) still arriving after this long is cut off: slow clients cannot hold connections. */
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);
    /** Bodies of this contract are small; anything larger is refused with 413 before it is read. */
    static final long MAX_REQUEST_BYTES = 64 * 1024;
    /** Javalin copies each answer through a new buffer this big; Jetty's 32 KB default cost a join 8% of its CPU. */
    private static final int ANSWER_COPY_BUFFER = 4096;

    private final Javalin app;

    /** @param requests told of every answered request, with its time: what the metrics count */
    public HttpServer(ObjectMapper json, int port, RequestLogger requests, Consumer<Javalin> routes) {
        this(json, port, false, requests, routes);
    }

    /** @param h2c also cleartext HTTP/2, for clients that upgrade to it or start with it (prior knowledge) */
    public HttpServer(ObjectMapper json, int port, boolean h2c, RequestLogger requests, Consumer<Javalin> routes) {
        this(json, port, h2c, requests, routes, REQUEST_DEADLINE);
    }

    HttpServer(ObjectMapper json, int port, boolean h2c, RequestLogger requests, Consumer<Javalin> routes, Duration requestDeadline) {
        this.app = Javalin.create(config -> {
            config.requestLogger.http(requests);
            config.useVirtualThreads = true;
            config.showJavalinBanner = false;
            config.http.defaultContentType = "application/json";
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.responseBufferSize = ANSWER_COPY_BUFFER;
            config.jsonMapper(new JavalinJackson(json, true));
            config.jetty.modifyServer(server -> server.setErrorHandler(new ContractErrorPage(json)));
            config.jetty.addConnector((server, httpConfig) -> {
                httpConfig.setSendServerVersion(false);
                HttpConnectionFactory http1 = new HttpConnectionFactory(httpConfig);
                ServerConnector connector = h2c ? new ServerConnector(server, http1, new TimedHttp2c(httpConfig))
                        : new ServerConnector(server, http1);
                connector.setHost("0.0.0.0");
                connector.setPort(port);
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                connector.setIdleTimeout(IDLE_TIMEOUT_MS);
                connector.addBean(new RequestDeadline(requestDeadline));
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
