package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.infra.LuaScript;
import dev.ticketrush.server.infra.LuaScripts;
import dev.ticketrush.server.infra.RedisKeys;
import dev.ticketrush.server.reservation.BuyerCheck;
import io.javalin.http.Context;

import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.regex.Pattern;

/**
 * Who a reservation may act for. The contract's rule (step 6), on every guarded path: a request under
 * {@code /api/reservations/**} or {@code /api/v1..v4/**} (the waiting line excepted) that carries a {@code User-Id}
 * header is refused unless that buyer is admitted. Beyond it, by {@link AdmissionRule}, a reservation must name its
 * buyer in {@code User-Id} and may only act for that buyer; in signed mode the buyer's token proves the admission,
 * for the seat's concert, with no Redis lookup.
 */
public final class AdmissionCheck implements BuyerCheck {

    public static final String HEADER = "User-Id";
    public static final String TOKEN_HEADER = "Admission-Token";

    /** The contract's guarded versions; compiled once, as every request's path is matched against it. */
    private static final Pattern VERSIONED = Pattern.compile("/api/v[1-4]/.*");

    private final LuaScript admitted;
    private final AdmissionRule rule;
    private final AdmissionTokens tokens;
    private final LongUnaryOperator concertOfSeat;

    /** @param concertOfSeat the concert a seat belongs to, for signed tokens, which are valid for one concert */
    public AdmissionCheck(LuaScripts scripts, AdmissionRule rule, AdmissionTokens tokens, LongUnaryOperator concertOfSeat) {
        this.admitted = scripts.named("admitted");
        this.rule = rule;
        this.tokens = tokens;
        this.concertOfSeat = concertOfSeat;
    }

    /** The contract's rule, before the route's handler: a User-Id on a guarded path must be admitted (a valid token shows it in signed mode). */
    public void check(Context ctx) {
        String userId = ctx.header(HEADER);
        if (userId == null || !guards(ctx.path())) return;
        long buyer = buyer(userId);
        if (rule == AdmissionRule.SIGNED && ctx.header(TOKEN_HEADER) != null && tokens.verify(ctx.header(TOKEN_HEADER)).userId() == buyer) return;
        if (admitted.runForNumber(List.of(RedisKeys.active(buyer))) == 0) throw new NotAdmitted();
    }

    @Override
    public void verify(Context ctx, long userId, long seatId) {
        String header = ctx.header(HEADER);
        if (header == null) {
            if (rule == AdmissionRule.CONTRACT) return;
            throw new NotAdmitted();
        }
        if (buyer(header) != userId) throw new NotAdmitted("User-Id " + header.strip() + " may not reserve for user " + userId);
        if (rule != AdmissionRule.SIGNED) return;
        AdmissionTokens.Claims claims = tokens.verify(ctx.header(TOKEN_HEADER));
        if (claims.userId() != userId) throw new NotAdmitted("The Admission-Token is another buyer's");
        if (claims.concertId() != concertOfSeat.applyAsLong(seatId)) throw new NotAdmitted("The Admission-Token is for another concert");
    }

    public boolean issuesTokens() {
        return rule == AdmissionRule.SIGNED;
    }

    /** The token an ACTIVE buyer gets for this concert in signed mode; null otherwise. */
    public String tokenFor(QueuePosition position, long admissionSecondsLeft) {
        if (rule != AdmissionRule.SIGNED || !QueuePosition.ACTIVE.equals(position.status()) || admissionSecondsLeft <= 0) return null;
        return tokens.issue(position.userId(), position.concertId(), admissionSecondsLeft);
    }

    private static long buyer(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException notAnId) {
            throw new NotAdmitted();
        }
    }

    static boolean guards(String path) {
        if (path.equals("/api/reservations") || path.startsWith("/api/reservations/")) return true;
        return VERSIONED.matcher(path).matches() && !path.startsWith("/api/v1/waiting-queue/");
    }
}
