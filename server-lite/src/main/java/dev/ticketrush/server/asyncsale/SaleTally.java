package dev.ticketrush.server.asyncsale;

/** Told of every async request queued (PENDING) and settled (its final status), for the operator's counts. */
@FunctionalInterface
public interface SaleTally {

    void counted(SaleStatus status);
}
