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

import java.util.function.BiFunction;
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
        Table table = new Table(app, this::checked);
        table.readable("/health", health::health);
        // the rush's routes first: Javalin tries a method's routes in this order, a regular expression each
        table.post("/api/v1/waiting-queue/join", waitingRoom::join);
        table.readable("/api/v1/waiting-queue/status", waitingRoom::status);
        table.readable("/api/v1/waiting-queue/subscribe", waitingRoom::subscribe);
        table.readable("/api/v1/waiting-queue/overview", waitingRoom::overview);
        table.readable("/api/v1/waiting-queue/config/{concertId}", waitingRoom::throttle);
        table.put("/api/v1/waiting-queue/config/{concertId}", admin.guard(waitingRoom::configure));
        table.post("/api/admin/admissions", admin.guard(waitingRoom::admit));

        table.post("/api/concerts/setup", admin.guard(concerts::setup));
        table.delete("/api/concerts/cleanup/{concertId}", admin.guard(concerts::cleanup));
        table.readable("/api/concerts", concerts::list);
        table.readable("/api/concerts/{concertId}/options", concerts::options);
        table.readable("/api/concerts/{concertId}/async-requests", async::countsForConcert);
        table.readable("/api/concerts/options/{optionId}/seats", concerts::availableSeats);
        table.readable("/api/concerts/options/{optionId}/seat-audit", concerts::seatAudit);

        table.post("/api/reservations/v1/optimistic", reservations::optimistic);
        table.post("/api/reservations/v2/pessimistic", reservations::pessimistic);
        table.post("/api/reservations/v3/distributed-lock", reservations::distributedLock);
        table.post("/api/reservations/v4-opt/queue-polling", async::enqueueOptimistic);
        table.post("/api/reservations/v4-pes/queue-polling", async::enqueuePessimistic);
        table.post("/api/reservations/v5-opt/queue-sse", async::enqueueOptimistic);
        table.readable("/api/reservations/v4/status", async::status);
        table.readable("/api/reservations/v5/subscribe", async::subscribe);
        table.readable("/api/reservations/users/{userId}", reservations::ofUser);
        table.delete("/api/reservations/{reservationId}", reservations::cancel);

        table.post("/api/users", users::create);
        table.readable("/api/users/{userId}", users::get);
        table.delete("/api/users/{userId}", admin.guard(users::delete));

        table.readable("/metrics", watching.metrics()::scrape);
        table.readable("/", watching.pages()::operator);
        table.readable("/wait", watching.pages()::waiting);
        table.readable("/api/operator/stream", watching.operator()::stream);

        if (crash == null) return;
        table.readable("/api/admin/faults", admin.guard(crash::offered));
        table.post("/api/admin/faults/crash", admin.guard(crash::crash));
    }

    /**
     * Each /api route first refuses a Redis that now serves another deployment (503), then applies the contract's
     * admission rule, inside its own handler: as before-handlers they made Javalin match the route table three more
     * times a request.
     */
    private Handler checked(String path, Handler handler) {
        if (!path.startsWith("/api/")) return handler;
        return ctx -> {
            if (!redisTrusted.getAsBoolean()) throw new DependencyUnavailable("redis", "Redis now serves another deployment", null);
            admission.check(ctx);
            handler.handle(ctx);
        };
    }

    /** The app's routes, each handler as {@code checks} makes it for its path. */
    private record Table(Javalin app, BiFunction<String, Handler, Handler> checks) {

        void post(String path, Handler handler) {
            app.post(path, checks.apply(path, handler));
        }

        void put(String path, Handler handler) {
            app.put(path, checks.apply(path, handler));
        }

        void delete(String path, Handler handler) {
            app.delete(path, checks.apply(path, handler));
        }

        /**
         * GET, and HEAD answered by the same handler (Jetty drops the body; an event stream ends after its headers):
         * Javalin alone answers HEAD on any GET route 200 without running it, so HEAD of an unknown concert said 200.
         */
        void readable(String path, Handler handler) {
            Handler checked = checks.apply(path, handler);
            app.get(path, checked);
            app.head(path, checked);
        }
    }
}
