package dev.ticketrush.server.concert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.function.Function;

/**
 * The catalogue as buyers read it, from memory: concerts, options and available seats as ready JSON, whether a
 * concert exists, and which concert a seat belongs to. Every entry is dropped when the database notifies a change
 * ({@link CatalogueChanges}), on every instance, right after the commit; while no notification can arrive, reads go to
 * the database. An entry being loaded when its change arrives is dropped once loaded: Caffeine's get is a compute on a
 * ConcurrentHashMap, which a removal of the same key waits for.
 */
public final class Catalogue {

    private static final long SEAT_JSON_BYTES = 64L * 1024 * 1024;
    private static final int OPTION_LISTS = 10_000;
    private static final int CONCERTS_KNOWN = 100_000;
    private static final int SEATS_KNOWN = 200_000;

    private final ConcertStore store;
    private final ObjectMapper json;
    private final Cache<Long, byte[]> availableSeats = Caffeine.newBuilder().maximumWeight(SEAT_JSON_BYTES)
            .weigher((Long option, byte[] seats) -> seats.length).build();
    private final Cache<Long, byte[]> options = Caffeine.newBuilder().maximumSize(OPTION_LISTS).build();
    private final Cache<Boolean, byte[]> concerts = Caffeine.newBuilder().maximumSize(1).build();
    private final Cache<Long, Boolean> known = Caffeine.newBuilder().maximumSize(CONCERTS_KNOWN).build();
    private final Cache<Long, Long> concertOfSeat = Caffeine.newBuilder().maximumSize(SEATS_KNOWN).build();
    private volatile boolean listening;

    public Catalogue(ConcertStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** {@code GET /api/concerts} as JSON. */
    public byte[] concertsJson() {
        return cached(concerts, Boolean.TRUE, ignored -> toJson(store.list()));
    }

    /** {@code GET /api/concerts/{id}/options} as JSON; an unknown concert throws {@link UnknownConcert}. */
    public byte[] optionsJson(long concertId) {
        return cached(options, concertId, id -> toJson(store.options(id)));
    }

    /** {@code GET /api/concerts/options/{id}/seats} as JSON; an unknown option throws {@link UnknownOption}. */
    public byte[] availableSeatsJson(long optionId) {
        return cached(availableSeats, optionId, id -> toJson(store.availableSeats(id)));
    }

    public boolean exists(long concertId) {
        return cached(known, concertId, store::exists);
    }

    /** The concert a seat belongs to, or 0 for an unknown seat. */
    public long concertOfSeat(long seatId) {
        return cached(concertOfSeat, seatId, store::concertOfSeat);
    }

    /** Whether changes can reach this instance; either way, what was kept may be stale and is dropped. */
    void listening(boolean now) {
        if (!now) listening = false;
        dropAll();
        if (now) listening = true;
    }

    /** A setup or cleanup this instance committed: dropped at once, so its own next answer shows it without the notification. */
    void changedHere() {
        dropAll();
    }

    /** A change the database notified: {@code seats:<optionId>}, or {@code concerts} (setup, cleanup) which drops everything. */
    void changed(String change) {
        if (change.startsWith("seats:")) {
            try {
                availableSeats.invalidate(Long.parseLong(change.substring("seats:".length())));
                return;
            } catch (NumberFormatException unreadable) {
                // dropped below, like any change not understood
            }
        }
        dropAll();
    }

    private void dropAll() {
        availableSeats.invalidateAll();
        options.invalidateAll();
        concerts.invalidateAll();
        known.invalidateAll();
        concertOfSeat.invalidateAll();
    }

    private <K, V> V cached(Cache<K, V> cache, K key, Function<K, V> load) {
        if (!listening) return load.apply(key);
        return cache.get(key, load);
    }

    private byte[] toJson(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the catalogue could not be written as JSON", e);
        }
    }
}
