package dev.ticketrush.server.http;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.LocalDateTime;

/** The contract's error body, field order included. */
public record ErrorBody(
        @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss.SSS") LocalDateTime timestamp,
        int status,
        String error,
        String message,
        String path) {
}
