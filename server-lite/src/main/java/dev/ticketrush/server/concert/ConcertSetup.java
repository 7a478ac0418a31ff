package dev.ticketrush.server.concert;

import java.time.LocalDateTime;

/** The body of {@code POST /api/concerts/setup}. */
public record ConcertSetup(String title, String artistName, String agencyName, LocalDateTime concertDate, Integer seatCount) {
}
