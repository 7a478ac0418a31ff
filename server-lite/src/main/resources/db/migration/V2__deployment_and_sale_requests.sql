-- Which deployment this database is: Redis keys are named by database ids, so a Redis database may serve one
-- deployment only, and the server checks this id against the one Redis holds.
CREATE TABLE deployment (
    id         UUID      PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP
);
INSERT INTO deployment DEFAULT VALUES;

-- Every async reservation request that reached a final status, written in the same transaction as its sale or
-- refusal: the durable answer of v4/status and v5/subscribe, whatever happens to Redis. Ids come from the sequence
-- before the request is put on Kafka, so a request is pending exactly while it is on Kafka and has no row here.
CREATE TABLE sale_request (
    id             BIGINT    PRIMARY KEY,
    user_id        BIGINT    NOT NULL,
    seat_id        BIGINT    NOT NULL,
    lock_type      TEXT      NOT NULL CHECK (lock_type IN ('OPTIMISTIC', 'PESSIMISTIC')),
    status         TEXT      NOT NULL CHECK (status IN ('SUCCESS', 'FAIL', 'FAIL_ALREADY_RESERVED', 'FAIL_OPTIMISTIC_CONFLICT', 'FAIL_DATA_NOT_FOUND')),
    reservation_id BIGINT,
    accepted_at    TIMESTAMP NOT NULL,
    finished_at    TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP
);
CREATE SEQUENCE sale_request_id;
CREATE INDEX sale_request_by_pair ON sale_request (user_id, seat_id, id);
CREATE INDEX sale_request_by_seat ON sale_request (seat_id);
