package dev.ticketrush.server.concert;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.http.BadRequest;
import dev.ticketrush.server.http.RequestInput;
import io.javalin.http.ContentType;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Semaphore;

import static dev.ticketrush.server.http.RequestInput.required;

/** Handlers of the catalogue endpoints. */
public final class ConcertRoutes {

    /** A stadium's worth and more; setup writes them in one statement. */
    public static final int MAX_SEATS = 1_000_000;
    private static final int MAX_NAME = 200;
    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = 9999;
    /** An audit holds every seat of its option in memory (some 200 MB for a million seats): eight at once filled the heap. */
    static final int AUDITS_AT_ONCE = 2;

    private final ConcertStore concerts;
    private final Catalogue catalogue;
    private final RequestInput input;
    private final ObjectMapper json;
    private final Semaphore audits = new Semaphore(AUDITS_AT_ONCE);

    /** @param catalogue what buyers read, from memory; {@code concerts} for what changes and for the audit */
    public ConcertRoutes(ConcertStore concerts, Catalogue catalogue, RequestInput input, ObjectMapper json) {
        this.concerts = concerts;
        this.catalogue = catalogue;
        this.input = input;
        this.json = json;
    }

    public void setup(Context ctx) {
        ConcertSetup setup = input.body(ctx, ConcertSetup.class).inMicroseconds();
        name(setup.title(), "title", true);
        name(setup.artistName(), "artistName", true);
        name(setup.agencyName(), "agencyName", false);
        int year = required(setup.concertDate(), "concertDate").getYear();
        if (year < FIRST_YEAR || year > LAST_YEAR) throw new BadRequest("concertDate must lie in the years " + FIRST_YEAR + ".." + LAST_YEAR);
        int seatCount = required(setup.seatCount(), "seatCount");
        if (seatCount <= 0 || seatCount > MAX_SEATS) {
            throw new BadRequest("seatCount must be between 1 and " + MAX_SEATS + ", got " + seatCount);
        }
        SetupResult result = concerts.setup(setup);
        catalogue.changedHere();
        ctx.contentType("text/plain;charset=utf-8")
                .result("Setup completed: ConcertID=" + result.concertId() + ", OptionID=" + result.optionId());
    }

    private static void name(String value, String field, boolean needed) {
        if (needed) required(value, field);
        if (value != null && value.length() > MAX_NAME) throw new BadRequest(field + " must be at most " + MAX_NAME + " characters");
    }

    public void cleanup(Context ctx) {
        long concertId = input.pathId(ctx, "concertId");
        concerts.cleanup(concertId);
        catalogue.changedHere();
        ctx.contentType("text/plain;charset=utf-8").result("Cleanup completed for ConcertID: " + concertId);
    }

    public void list(Context ctx) {
        ready(ctx, catalogue.concertsJson());
    }

    public void options(Context ctx) {
        ready(ctx, catalogue.optionsJson(input.pathId(ctx, "concertId")));
    }

    /** Written while the audit is held, straight to the client: a busy server answers 503 rather than run out of memory. */
    public void seatAudit(Context ctx) {
        long optionId = input.pathId(ctx, "optionId");
        if (!audits.tryAcquire()) throw new AuditsBusy(AUDITS_AT_ONCE);
        try {
            List<SeatAudit> audit = concerts.audit(optionId);
            ctx.contentType(ContentType.APPLICATION_JSON);
            json.writeValue(ctx.outputStream(), audit);
        } catch (IOException clientGone) {
            // the client hung up mid-answer: nobody is left to tell
        } finally {
            audits.release();
        }
    }

    public void availableSeats(Context ctx) {
        ready(ctx, catalogue.availableSeatsJson(input.pathId(ctx, "optionId")));
    }

    private static void ready(Context ctx, byte[] json) {
        ctx.contentType(ContentType.APPLICATION_JSON).result(json);
    }
}
