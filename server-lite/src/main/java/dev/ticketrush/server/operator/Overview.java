package dev.ticketrush.server.operator;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.ticketrush.server.metrics.ConcertReading;

import java.time.Instant;
import java.util.List;

/** The data of an {@code OVERVIEW} event: this instance's traffic, and every watched concert's line and seats. */
record Overview(@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", timezone = "UTC") Instant timestamp,
                double requestsPerSecond, double errorsPerSecond, long requests, long errors, List<ConcertReading> concerts) {
}
