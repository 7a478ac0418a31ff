-- What POST /api/reservations/v2/pessimistic commits for one buyer (PessimisticSale + SeatLedger, statement for
-- statement): set the lock timeout, lock the buyer's row and the seat's row in one query (SELECT ... FOR UPDATE),
-- then one statement that counts the buyer's live seats in the concert, sells the seat and writes the reservation;
-- COMMIT. Each transaction buys its own seat with its own buyer, as in optimistic.sql.
\set n :n + 1
\set i :client_id * :stride + :n
\set seat :seat_first + :i
\set buyer :user_first + mod(:i, :users)
BEGIN;
SET LOCAL lock_timeout = '5000ms';
SELECT s.id, s.status, s.version AS v FROM app_user u, seat s WHERE u.id = :buyer AND s.id = :seat FOR UPDATE OF u, s \gset
WITH held AS (SELECT count(*) AS n FROM reservation r JOIN seat s ON s.id = r.seat_id JOIN concert_option o ON o.id = s.concert_option_id WHERE r.user_id = :buyer AND r.cancelled_at IS NULL AND o.concert_id = (SELECT o2.concert_id FROM seat s2 JOIN concert_option o2 ON o2.id = s2.concert_option_id WHERE s2.id = :seat)), sold AS (UPDATE seat SET status = 'RESERVED', version = version + 1 WHERE id = :seat AND version = :v AND status = 'AVAILABLE' AND (SELECT n FROM held) < 10 RETURNING id) INSERT INTO reservation (user_id, seat_id) SELECT :buyer, id FROM sold RETURNING id, reservation_time;
COMMIT;
