package dev.ticketrush.server.concert;

import dev.ticketrush.server.http.BadRequest;
import dev.ticketrush.server.http.RequestInput;
import io.javalin.http.Context;

import java.util.function.LongConsumer;

import static dev.ticketrush.server.http.RequestInput.required;

/** Handlers of the catalogue endpoints. */
public final class ConcertRoutes {

    /** Far beyond any hall; keeps one request from filling the disk. */
    public static final int MAX_SEATS = 100_000;

    private final ConcertStore concerts;
    private final RequestInput input;
    private final LongConsumer afterCleanup;

    /** {@code afterCleanup} removes what other features keep of a cleaned-up concert (its waiting room). */
    public ConcertRoutes(ConcertStore concerts, RequestInput input, LongConsumer afterCleanup) {
        this.concerts = concerts;
        this.input = input;
        this.afterCleanup = afterCleanup;
    }

    public void setup(Context ctx) {
        ConcertSetup setup = input.body(ctx, ConcertSetup.class);
        required(setup.title(), "title");
        required(setup.artistName(), "artistName");
        required(setup.concertDate(), "concertDate");
        int seatCount = required(setup.seatCount(), "seatCount");
        if (seatCount <= 0 || seatCount > MAX_SEATS) {
            throw new BadRequest("seatCount must be between 1 and " + MAX_SEATS + ", got " + seatCount);
        }
        SetupResult result = concerts.setup(setup);
        ctx.contentType("text/plain;charset=utf-8")
                .result("Setup completed: ConcertID=" + result.concertId() + ", OptionID=" + result.optionId());
    }

    public void cleanup(Context ctx) {
        long concertId = input.pathId(ctx, "concertId");
        concerts.cleanup(concertId);
        afterCleanup.accept(concertId);
        ctx.contentType("text/plain;charset=utf-8").result("Cleanup completed for ConcertID: " + concertId);
    }

    public void list(Context ctx) {
        ctx.json(concerts.list());
    }

    public void options(Context ctx) {
        ctx.json(concerts.options(input.pathId(ctx, "concertId")));
    }

    public void seatAudit(Context ctx) {
        ctx.json(concerts.audit(input.pathId(ctx, "optionId")));
    }

    public void availableSeats(Context ctx) {
        ctx.json(concerts.availableSeats(input.pathId(ctx, "optionId")));
    }
}
