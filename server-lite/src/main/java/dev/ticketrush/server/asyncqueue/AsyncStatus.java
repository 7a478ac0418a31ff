package dev.ticketrush.server.asyncqueue;

/** The values of {@code reservation:status:{userId}:{seatId}}, and NOT_FOUND for a request never seen. */
public final class AsyncStatus {

    public static final String PENDING = "PENDING";
    public static final String PROCESSING = "PROCESSING";
    public static final String SUCCESS = "SUCCESS";
    public static final String FAIL = "FAIL";
    public static final String FAIL_ALREADY_RESERVED = "FAIL_ALREADY_RESERVED";
    public static final String FAIL_OPTIMISTIC_CONFLICT = "FAIL_OPTIMISTIC_CONFLICT";
    public static final String FAIL_DATA_NOT_FOUND = "FAIL_DATA_NOT_FOUND";
    public static final String NOT_FOUND = "NOT_FOUND";

    private AsyncStatus() {
    }

    public static boolean isTerminal(String status) {
        return SUCCESS.equals(status) || status.startsWith("FAIL");
    }
}
