package dev.ticketrush.server.metrics;

/**
 * One concert as the operator sees it: its line, its admissions and its seats.
 *
 * @param waiting                     buyers in line
 * @param active                      buyers admitted whose admission still runs
 * @param admittedTotal               buyers the line has admitted since it opened, on every instance
 * @param admissionsPerSecond         the configured admission rate
 * @param estimatedWaitSecondsForLast how long the last in line may wait at that rate
 * @param sold                        seats reserved or held
 * @param available                   seats still for sale
 */
public record ConcertReading(long concertId, String title, long waiting, long active, long admittedTotal, double admissionsPerSecond,
                             long estimatedWaitSecondsForLast, long sold, long available) {
}
