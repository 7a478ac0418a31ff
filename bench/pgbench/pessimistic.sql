-- v2's statements for one buyer: lock the seat row, sell it, write the reservation; rolled back to repeat.
\set seat :first + random(0, :span - 1)
\set buyer random(1, :users)
BEGIN;
SELECT 1 FROM app_user WHERE id = :buyer;
SET LOCAL lock_timeout = '5000ms';
SELECT id, status, version AS v FROM seat WHERE id = :seat FOR UPDATE \gset
UPDATE seat SET status = 'RESERVED', version = version + 1 WHERE id = :seat AND version = :v AND status = 'AVAILABLE';
INSERT INTO reservation (user_id, seat_id) VALUES (:buyer, :seat) RETURNING id, reservation_time;
ROLLBACK;
