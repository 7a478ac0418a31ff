package dev.ticketrush.server;

import dev.ticketrush.server.asyncsale.AsyncSaleRoutes;
import dev.ticketrush.server.concert.ConcertRoutes;
import dev.ticketrush.server.drill.InstanceCrash;
import dev.ticketrush.server.health.HealthRoutes;
import dev.ticketrush.server.infra.DependencyUnavailable;
import dev.ticketrush.server.metrics.MetricsRoutes;
import dev.ticketrush.server.operator.OperatorRoutes;
import dev.ticketrush.server.pages.PageRoutes;
import dev.ticketrush.server.reservation.ReservationRoutes;
import dev.ticketrush.server.user.UserRoutes;
import dev.ticketrush.server.waitingroom.AdmissionCheck;
import dev.ticketrush.server.waitingroom.WaitingRoomRoutes;
import io.javalin.Javalin;
import io.javalin.http.Handler;

import java.util.function.BooleanSupplier;

/**
 * The route table of the whole contract, and server-lite's additions, in one place; admin actions behind the admin gate.
 * The fault routes exist only on a server started with {@code --allow-faults} ({@code crash} is null otherwise).
 */
record Routes(HealthRoutes health, AdmissionCheck admission, AdminGate admin, BooleanSupplier redisTrusted, ConcertRoutes concerts, UserRoutes users,
              ReservationRoutes reservations, AsyncSaleRoutes async, WaitingRoomRoutes waitingRoom, Watching watching, InstanceCrash crash) {

    /** server-lite's additions for people and scrapers: the pages, the operator's stream, the metrics. */
    record Watching(PageRoutes pages, OperatorRoutes operator, MetricsRoutes metrics) {
    }

    void install(Javalin app) {
        ErrorMapper.install(app);
        app.before("/api/*", ctx -> {
            if (!redisTrusted.getAsBoolean()) throw new DependencyUnavailable("redis", "Redis now serves another deployment", null);
        });
        // after routing, so a refused request is still timed under its route
        app.beforeMatched(admission::check);
        readable(app, "/health", health::health);
        // the rush's routes first: Javalin tries a method's routes in this order, a regular expression each
        app.post("/api/v1/waiting-queue/join", waitingRoom::join);
        readable(app, "/api/v1/waiting-queue/status", waitingRoom::status);
        app.get("/api/v1/waiting-queue/subscribe", waitingRoom::subscribe);
        readable(app, "/api/v1/waiting-queue/overview", waitingRoom::overview);
        readable(app, "/api/v1/waiting-queue/config/{concertId}", waitingRoom::throttle);
        app.put("/api/v1/waiting-queue/config/{concertId}", admin.guard(waitingRoom::configure));
        app.post("/api/admin/admissions", admin.guard(waitingRoom::admit));

        app.post("/api/concerts/setup", admin.guard(concerts::setup));
        app.delete("/api/concerts/cleanup/{concertId}", admin.guard(concerts::cleanup));
        readable(app, "/api/concerts", concerts::list);
        readable(app, "/api/concerts/{concertId}/options", concerts::options);
        readable(app, "/api/concerts/{concertId}/async-requests", async::countsForConcert);
        readable(app, "/api/concerts/options/{optionId}/seats", concerts::availableSeats);
        readable(app, "/api/concerts/options/{optionId}/seat-audit", concerts::seatAudit);

        app.post("/api/reservations/v1/optimistic", reservations::optimistic);
        app.post("/api/reservations/v2/pessimistic", reservations::pessimistic);
        app.post("/api/reservations/v3/distributed-lock", reservations::distributedLock);
        app.post("/api/reservations/v4-opt/queue-polling", async::enqueueOptimistic);
        app.post("/api/reservations/v4-pes/queue-polling", async::enqueuePessimistic);
        app.post("/api/reservations/v5-opt/queue-sse", async::enqueueOptimistic);
        readable(app, "/api/reservations/v4/status", async::status);
        app.get("/api/reservations/v5/subscribe", async::subscribe);
        readable(app, "/api/reservations/users/{userId}", reservations::ofUser);
        app.delete("/api/reservations/{reservationId}", reservations::cancel);

        app.post("/api/users", users::create);
        readable(app, "/api/users/{userId}", users::get);
        app.delete("/api/users/{userId}", admin.guard(users::delete));

        readable(app, "/metrics", watching.metrics()::scrape);
        readable(app, "/", watching.pages()::operator);
        readable(app, "/wait", watching.pages()::waiting);
        app.get("/api/operator/stream", watching.operator()::stream);

        if (crash == null) return;
        readable(app, "/api/admin/faults", admin.guard(crash::offered));
        app.post("/api/admin/faults/crash", admin.guard(crash::crash));
    }

    /**
     * GET, and HEAD answered by the same handler (Jetty drops the body): Javalin alone answers HEAD on any GET route
     * 200 without running it, so HEAD of an unknown concert said 200. Event streams stay GET only.
     */
    private static void readable(Javalin app, String path, Handler handler) {
        app.get(path, handler);
        app.head(path, handler);
    }
}
