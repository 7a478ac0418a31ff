package dev.ticketrush.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDateTime;

/** The one place where exceptions become HTTP status codes and the contract's JSON error body. */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static void install(Javalin app) {
        app.exception(BadRequest.class, (e, ctx) -> write(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(NotFound.class, (e, ctx) -> write(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
        app.exception(Conflict.class, (e, ctx) -> write(ctx, HttpStatus.CONFLICT, e.getMessage()));
        app.exception(Forbidden.class, (e, ctx) -> write(ctx, HttpStatus.FORBIDDEN, e.getMessage()));
        app.exception(Unavailable.class, (e, ctx) -> write(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error: " + e.getClass().getSimpleName());
        });
        app.error(HttpStatus.NOT_FOUND, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) write(ctx, HttpStatus.NOT_FOUND, "No endpoint " + ctx.method() + " " + ctx.path());
        });
        app.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> write(ctx, HttpStatus.METHOD_NOT_ALLOWED, "Method " + ctx.method() + " not allowed on " + ctx.path()));
    }

    private static void write(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(new ErrorBody(LocalDateTime.now(), status.getCode(), status.getMessage(), message, ctx.path()));
    }
}
