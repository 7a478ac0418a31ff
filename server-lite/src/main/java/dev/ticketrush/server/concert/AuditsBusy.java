package dev.ticketrush.server.concert;

/** As many seat audits as this instance runs at once are running: try again shortly (503). */
public final class AuditsBusy extends RuntimeException {

    AuditsBusy(int atOnce) {
        super("This instance is already running " + atOnce + " seat audits; try again shortly");
    }
}
