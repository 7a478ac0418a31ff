package dev.ticketrush.server.asyncsale;

/** The statuses of an async request, as the contract spells them; NOT_FOUND answers a request never seen. */
public enum SaleStatus {
    PENDING, PROCESSING, SUCCESS, FAIL, FAIL_ALREADY_RESERVED, FAIL_OPTIMISTIC_CONFLICT, FAIL_DATA_NOT_FOUND, NOT_FOUND;

    /** SUCCESS or a FAIL_*: the request is over and its status never changes again. */
    public boolean terminal() {
        return this == SUCCESS || name().startsWith("FAIL");
    }
}
