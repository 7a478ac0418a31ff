package dev.ticketrush.server.metrics;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.ticketrush.server.concert.ConcertStore;
import dev.ticketrush.server.concert.ConcertSummary;
import dev.ticketrush.server.concert.SeatCount;
import dev.ticketrush.server.waitingroom.WaitingRoom;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The newest concerts' lines and seats, read from Redis and PostgreSQL at most once a second however many scrapes
 * and operator pages ask: the cost of watching does not grow with the watchers, and requests never pay it.
 */
public final class ConcertReadings {

    /** Older concerts are over: watching a thousand finished sales would cost a thousand reads a second. */
    static final int NEWEST = 20;
    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final ConcertStore concerts;
    private final WaitingRoom room;
    private final LoadingCache<Boolean, List<ConcertReading>> latest;

    public ConcertReadings(ConcertStore concerts, WaitingRoom room) {
        this.concerts = concerts;
        this.room = room;
        this.latest = Caffeine.newBuilder().expireAfterWrite(FRESH_FOR).build(key -> read());
    }

    /** The readings, at most a second old. */
    public List<ConcertReading> latest() {
        return latest.get(Boolean.TRUE);
    }

    private List<ConcertReading> read() {
        List<ConcertSummary> all = concerts.list();
        Map<Long, SeatCount> seats = concerts.seatCounts();
        return all.subList(Math.max(0, all.size() - NEWEST), all.size()).stream()
                .map(concert -> reading(concert, seats.getOrDefault(concert.id(), SeatCount.NONE)))
                .toList();
    }

    private ConcertReading reading(ConcertSummary concert, SeatCount seats) {
        WaitingRoom.Overview line = room.overview(concert.id());
        return new ConcertReading(concert.id(), concert.title(), line.waiting(), line.active(), room.admittedTotal(concert.id()),
                line.admissionsPerSecond(), line.estimatedWaitSecondsForLast(), seats.sold(), seats.available());
    }
}
