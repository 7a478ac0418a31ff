package dev.ticketrush.server.concert;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.LocalDateTime;

/** One date of a concert. */
public record ConcertOption(long id, @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss") LocalDateTime concertDate) {
}
