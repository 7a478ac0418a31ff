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
        app.get("/health", health::health);
        // the rush's routes first: Javalin tries a method's routes in this order, a regular expression each
        app.post("/api/v1/waiting-queue/join", waitingRoom::join);
        app.get("/api/v1/waiting-queue/status", waitingRoom::status);
        app.get("/api/v1/waiting-queue/subscribe", waitingRoom::subscribe);
        app.get("/api/v1/waiting-queue/overview", waitingRoom::overview);
        app.get("/api/v1/waiting-queue/config/{concertId}", waitingRoom::throttle);
        app.put("/api/v1/waiting-queue/config/{concertId}", admin.guard(waitingRoom::configure));
        app.post("/api/admin/admissions", admin.guard(waitingRoom::admit));

        app.post("/api/concerts/setup", admin.guard(concerts::setup));
        app.delete("/api/concerts/cleanup/{concertId}", admin.guard(concerts::cleanup));
        app.get("/api/concerts", concerts::list);
        app.get("/api/concerts/{concertId}/options", concerts::options);
        app.get("/api/concerts/{concertId}/async-requests", async::countsForConcert);
        app.get("/api/concerts/options/{optionId}/seats", concerts::availableSeats);
        app.get("/api/concerts/options/{optionId}/seat-audit", concerts::seatAudit);

        app.post("/api/reservations/v1/optimistic", reservations::optimistic);
        app.post("/api/reservations/v2/pessimistic", reservations::pessimistic);
        app.post("/api/reservations/v3/distributed-lock", reservations::distributedLock);
        app.post("/api/reservations/v4-opt/queue-polling", async::enqueueOptimistic);
        app.post("/api/reservations/v4-pes/queue-polling", async::enqueuePessimistic);
        app.post("/api/reservations/v5-opt/queue-sse", async::enqueueOptimistic);
        app.get("/api/reservations/v4/status", async::status);
        app.get("/api/reservations/v5/subscribe", async::subscribe);
        app.get("/api/reservations/users/{userId}", reservations::ofUser);
        app.delete("/api/reservations/{reservationId}", reservations::cancel);

        app.post("/api/users", users::create);
        app.get("/api/users/{userId}", users::get);
        app.delete("/api/users/{userId}", admin.guard(users::delete));

        app.get("/metrics", watching.metrics()::scrape);
        app.get("/", watching.pages()::operator);
        app.get("/wait", watching.pages()::waiting);
        app.get("/api/operator/stream", watching.operator()::stream);

        if (crash == null) return;
        app.get("/api/admin/faults", admin.guard(crash::offered));
        app.post("/api/admin/faults/crash", admin.guard(crash::crash));
    }
}
