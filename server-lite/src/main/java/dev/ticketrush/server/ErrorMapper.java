package dev.ticketrush.server;

import dev.ticketrush.server.concert.AuditsBusy;
import dev.ticketrush.server.concert.UnknownConcert;
import dev.ticketrush.server.concert.UnknownOption;
import dev.ticketrush.server.http.BadRequest;
import dev.ticketrush.server.http.ErrorBody;
import dev.ticketrush.server.asyncsale.RequestNotQueued;
import dev.ticketrush.server.infra.DependencyUnavailable;
import dev.ticketrush.server.infra.Outage;
import dev.ticketrush.server.http.TooManyStreams;
import dev.ticketrush.server.reservation.NotOwner;
import dev.ticketrush.server.reservation.SaleRefused;
import dev.ticketrush.server.reservation.UnknownReservation;
import dev.ticketrush.server.reservation.UnknownSeat;
import dev.ticketrush.server.user.UnknownUser;
import dev.ticketrush.server.waitingroom.InvalidThrottle;
import dev.ticketrush.server.waitingroom.NotAdmitted;
import dev.ticketrush.server.waitingroom.TooManyJoins;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDateTime;
import java.util.List;

/** The one place where exceptions become HTTP status codes and the contract's JSON error body. */
final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private static final List<Class<? extends Exception>> NOT_FOUND = List.of(
            UnknownConcert.class, UnknownOption.class, UnknownSeat.class, UnknownUser.class, UnknownReservation.class);

    private ErrorMapper() {
    }

    static void install(Javalin app) {
        app.exception(BadRequest.class, (e, ctx) -> write(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(InvalidThrottle.class, (e, ctx) -> write(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        NOT_FOUND.forEach(type -> app.exception(type, (e, ctx) -> write(ctx, HttpStatus.NOT_FOUND, e.getMessage())));
        app.exception(NotAdmitted.class, (e, ctx) -> write(ctx, HttpStatus.FORBIDDEN, e.getMessage()));
        app.exception(NotOwner.class, (e, ctx) -> write(ctx, HttpStatus.FORBIDDEN, e.getMessage()));
        app.exception(AdminGate.AdminTokenMissing.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", "Bearer");
            write(ctx, HttpStatus.UNAUTHORIZED, e.getMessage());
        });
        app.exception(AdminGate.AdminTokenRefused.class, (e, ctx) -> write(ctx, HttpStatus.FORBIDDEN, e.getMessage()));
        app.exception(TooManyJoins.class, (e, ctx) -> {
            ctx.header("Retry-After", "1");
            write(ctx, HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        });
        app.exception(TooManyStreams.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            write(ctx, e.perAddress() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        });
        app.exception(SaleRefused.class, (e, ctx) -> write(ctx, HttpStatus.CONFLICT, e.getMessage()));
        app.exception(AuditsBusy.class, (e, ctx) -> unavailable(ctx, e.getMessage()));
        app.exception(RequestNotQueued.class, (e, ctx) -> {
            ctx.header("Request-Id", Long.toString(e.requestId()));
            unavailable(ctx, e.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage()));
        // a dependency's outage is logged once by DependencyHealth, not once per request it fails
        app.exception(Exception.class, (e, ctx) -> Outage.dependencyOf(e).ifPresentOrElse(
                dependency -> unavailable(ctx, e instanceof DependencyUnavailable ? e.getMessage() : dependencyName(dependency) + " is unavailable or too busy to answer in time; try again shortly"),
                () -> {
                    LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                    write(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error: " + e.getClass().getSimpleName());
                }));
        app.error(HttpStatus.NOT_FOUND, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) write(ctx, HttpStatus.NOT_FOUND, "No endpoint " + ctx.method() + " " + ctx.path());
        });
        app.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> write(ctx, HttpStatus.METHOD_NOT_ALLOWED, "Method " + ctx.method() + " not allowed on " + ctx.path()));
    }

    /** 503 with Retry-After: the client should come back in a second, not hammer a dependency that is down. */
    private static void unavailable(Context ctx, String message) {
        ctx.header("Retry-After", "1");
        write(ctx, HttpStatus.SERVICE_UNAVAILABLE, message);
    }

    private static String dependencyName(String dependency) {
        return switch (dependency) {
            case "postgres" -> "PostgreSQL";
            case "redis" -> "Redis";
            case "kafka" -> "Kafka";
            default -> dependency;
        };
    }

    private static void write(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(new ErrorBody(LocalDateTime.now(), status.getCode(), status.getMessage(), message, ctx.path()));
    }
}
