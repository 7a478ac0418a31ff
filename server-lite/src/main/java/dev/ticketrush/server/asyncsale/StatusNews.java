package dev.ticketrush.server.asyncsale;

/**
 * What a v5 subscriber hears: a status change, or that changes may have been missed (the Redis subscription was lost
 * and has just come back) and the record must be read again.
 *
 * @param status the new status, or null when the subscriber must read the record again
 */
public record StatusNews(SaleStatus status) {

    static final StatusNews MAYBE_MISSED = new StatusNews(null);

    boolean maybeMissed() {
        return status == null;
    }
}
