CREATE TABLE concert (
    id          BIGSERIAL PRIMARY KEY,
    title       TEXT NOT NULL,
    artist_name TEXT NOT NULL,
    agency_name TEXT
);

CREATE TABLE concert_option (
    id           BIGSERIAL PRIMARY KEY,
    concert_id   BIGINT    NOT NULL REFERENCES concert (id) ON DELETE CASCADE,
    concert_date TIMESTAMP NOT NULL
);
CREATE INDEX concert_option_by_concert ON concert_option (concert_id);

CREATE TABLE seat (
    id                BIGSERIAL PRIMARY KEY,
    concert_option_id BIGINT NOT NULL REFERENCES concert_option (id) ON DELETE CASCADE,
    seat_number       TEXT   NOT NULL,
    status            TEXT   NOT NULL DEFAULT 'AVAILABLE'
        CHECK (status IN ('AVAILABLE', 'RESERVED', 'TEMP_RESERVED')),
    version           BIGINT NOT NULL DEFAULT 0,
    UNIQUE (concert_option_id, seat_number)
);
CREATE INDEX seat_available_by_option ON seat (concert_option_id, id) WHERE status = 'AVAILABLE';

CREATE TABLE app_user (
    id       BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL
);

CREATE TABLE reservation (
    id               BIGSERIAL PRIMARY KEY,
    user_id          BIGINT    NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    seat_id          BIGINT    NOT NULL REFERENCES seat (id) ON DELETE CASCADE,
    reservation_time TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP,
    cancelled_at     TIMESTAMP
);
-- The last line of defence against a double sale: a seat has at most one live reservation,
-- whatever strategy, instance or bug wrote it.
CREATE UNIQUE INDEX reservation_one_live_per_seat ON reservation (seat_id) WHERE cancelled_at IS NULL;
CREATE INDEX reservation_by_user ON reservation (user_id);
