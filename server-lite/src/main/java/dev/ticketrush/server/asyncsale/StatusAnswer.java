package dev.ticketrush.server.asyncsale;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of v4/status: the contract's {@code {status}}, then the id of the request it is about, when one is known. */
public record StatusAnswer(SaleStatus status, @JsonInclude(JsonInclude.Include.NON_NULL) Long requestId) {

    public static final StatusAnswer NOT_FOUND = new StatusAnswer(SaleStatus.NOT_FOUND, null);
}
