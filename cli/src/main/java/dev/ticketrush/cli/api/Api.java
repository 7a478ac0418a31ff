package dev.ticketrush.cli.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** The records of the HTTP contract, as the CLI reads and writes them. */
public final class Api {

    private Api() {
    }

    public record Setup(String title, String artistName, String agencyName, String concertDate, int seatCount) {
    }

    public record SetupResult(long concertId, long optionId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Concert(long id, String title, String artistName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Option(long id, String concertDate) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Seat(long id, String seatNumber, String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(long id, String username) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reservation(long id, long userId, long seatId, String reservationTime) {
    }

    /** A concert's seats across its options, and how many of them are no longer available. */
    public record SeatCount(int seats, int sold) {
        public int available() {
            return seats - sold;
        }
    }

    /** A concert with its options and how many seats each still has. */
    public record ConcertListing(long id, String title, String artistName, List<OptionListing> options) {
    }

    public record OptionListing(long id, String concertDate, int availableSeats) {
    }
}
