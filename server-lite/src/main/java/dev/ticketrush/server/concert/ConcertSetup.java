package dev.ticketrush.server.concert;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/** The body of {@code POST /api/concerts/setup}. */
public record ConcertSetup(String title, String artistName, String agencyName, LocalDateTime concertDate, Integer seatCount) {

    /**
     * The date cut to the microseconds PostgreSQL keeps: it would round the rest, carrying 9999-12-31T23:59:59.9999999
     * into the year 10000, past the check. What is checked is what is stored.
     */
    ConcertSetup inMicroseconds() {
        return concertDate == null ? this : new ConcertSetup(title, artistName, agencyName, concertDate.truncatedTo(ChronoUnit.MICROS), seatCount);
    }
}
