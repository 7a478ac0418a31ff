package dev.ticketrush.server.asyncsale;

/** Answers where a request or pair stands: Redis' fast copy first, else PostgreSQL's final record, else NOT_FOUND. */
public final class StatusLookup {

    private final StatusBoard board;
    private final SaleRequests requests;

    public StatusLookup(StatusBoard board, SaleRequests requests) {
        this.board = board;
        this.requests = requests;
    }

    public StatusAnswer of(StatusSubject subject) {
        return switch (subject) {
            case StatusSubject.Request r -> board.ofRequest(r.requestId())
                    .map(status -> new StatusAnswer(status, r.requestId()))
                    .or(() -> requests.outcome(r.requestId()).map(o -> new StatusAnswer(o.status(), o.requestId())))
                    .orElse(StatusAnswer.NOT_FOUND);
            case StatusSubject.Pair p -> board.ofPair(p.userId(), p.seatId())
                    .map(s -> new StatusAnswer(s.status(), s.requestId()))
                    .or(() -> requests.latestOf(p.userId(), p.seatId()).map(o -> new StatusAnswer(o.status(), o.requestId())))
                    .orElse(StatusAnswer.NOT_FOUND);
        };
    }
}
