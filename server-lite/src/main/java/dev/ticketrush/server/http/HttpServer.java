package dev.ticketrush.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.asyncqueue.AsyncReservationRoutes;
import dev.ticketrush.server.concert.ConcertRoutes;
import dev.ticketrush.server.health.HealthRoutes;
import dev.ticketrush.server.reservation.ReservationRoutes;
import dev.ticketrush.server.user.UserRoutes;
import dev.ticketrush.server.waitingroom.AdmissionCheck;
import dev.ticketrush.server.waitingroom.WaitingRoomRoutes;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/** Javalin on Jetty with virtual threads, and the route table of the whole contract in one place. */
public final class HttpServer implements AutoCloseable {

    /** The handlers of every feature, wired by {@code ServerLite}. */
    public record Features(HealthRoutes health, AdmissionCheck admission, ConcertRoutes concerts, UserRoutes users,
                           ReservationRoutes reservations, AsyncReservationRoutes async, WaitingRoomRoutes waitingRoom) {
    }

    private final Javalin app;

    /** A rush opens thousands of connections at once; the default backlog of 50 drops some of them. */
    private static final int ACCEPT_QUEUE = 4096;

    public HttpServer(ObjectMapper json, Features features, int port) {
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
        ErrorMapper.install(app);
        routes(features);
    }

    private void routes(Features f) {
        app.before(f.admission()::check);
        app.get("/health", f.health()::health);

        app.post("/api/concerts/setup", f.concerts()::setup);
        app.delete("/api/concerts/cleanup/{concertId}", f.concerts()::cleanup);
        app.get("/api/concerts", f.concerts()::list);
        app.get("/api/concerts/{concertId}/options", f.concerts()::options);
        app.get("/api/concerts/options/{optionId}/seats", f.concerts()::availableSeats);
        app.get("/api/concerts/options/{optionId}/seat-audit", f.concerts()::seatAudit);

        app.post("/api/users", f.users()::create);
        app.get("/api/users/{userId}", f.users()::get);
        app.delete("/api/users/{userId}", f.users()::delete);

        app.post("/api/reservations/v1/optimistic", f.reservations()::optimistic);
        app.post("/api/reservations/v2/pessimistic", f.reservations()::pessimistic);
        app.post("/api/reservations/v3/distributed-lock", f.reservations()::distributedLock);
        app.post("/api/reservations/v4-opt/queue-polling", f.async()::enqueueOptimistic);
        app.post("/api/reservations/v4-pes/queue-polling", f.async()::enqueuePessimistic);
        app.post("/api/reservations/v5-opt/queue-sse", f.async()::enqueueOptimistic);
        app.get("/api/reservations/v4/status", f.async()::status);
        app.get("/api/reservations/v5/subscribe", f.async()::subscribe);
        app.get("/api/reservations/users/{userId}", f.reservations()::ofUser);
        app.delete("/api/reservations/{reservationId}", f.reservations()::cancel);

        app.post("/api/v1/waiting-queue/join", f.waitingRoom()::join);
        app.get("/api/v1/waiting-queue/status", f.waitingRoom()::status);
        app.get("/api/v1/waiting-queue/subscribe", f.waitingRoom()::subscribe);
        app.get("/api/v1/waiting-queue/overview", f.waitingRoom()::overview);
        app.get("/api/v1/waiting-queue/config/{concertId}", f.waitingRoom()::throttle);
        app.put("/api/v1/waiting-queue/config/{concertId}", f.waitingRoom()::configure);
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
