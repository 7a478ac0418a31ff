package dev.ticketrush.server.reservation;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.LocalDateTime;

/** A seat sold to a user, as the contract shows it. */
public record Reservation(long id, long userId, long seatId,
                          @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss.SSS") LocalDateTime reservationTime) {
}
