package dev.ticketrush.server.pages;

import dev.ticketrush.server.concert.UnknownConcert;
import dev.ticketrush.server.http.RequestInput;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.LongPredicate;

/** The two pages a person looks at, plain HTML and JavaScript read once from the jar: the operator's and the buyer's. */
public final class PageRoutes {

    private static final String HTML = "text/html; charset=utf-8";

    private final byte[] operator = page("operator.html");
    private final byte[] waiting = page("wait.html");
    private final RequestInput input;
    private final LongPredicate concertExists;

    public PageRoutes(RequestInput input, LongPredicate concertExists) {
        this.input = input;
        this.concertExists = concertExists;
    }

    /** {@code GET /}. */
    public void operator(Context ctx) {
        ctx.contentType(HTML).result(operator);
    }

    /** {@code GET /wait?concertId=&userId=}: refused with the contract's error body unless both name a buyer and a concert. */
    public void waiting(Context ctx) {
        long concertId = input.queryId(ctx, "concertId");
        input.queryId(ctx, "userId");
        if (!concertExists.test(concertId)) throw new UnknownConcert(concertId);
        ctx.header("Cache-Control", "no-store").contentType(HTML).result(waiting);
    }

    private static byte[] page(String name) {
        try (InputStream in = PageRoutes.class.getResourceAsStream("/pages/" + name)) {
            if (in == null) throw new IllegalStateException("page " + name + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
