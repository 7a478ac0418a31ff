-- v1's statements for one buyer: read the seat unlocked, sell it if its version is unchanged, write the reservation.
-- Rolled back so the seats stay AVAILABLE and every transaction does the full sale.
\set seat :first + random(0, :span - 1)
\set buyer random(1, :users)
BEGIN;
SELECT 1 FROM app_user WHERE id = :buyer;
SELECT status, version AS v FROM seat WHERE id = :seat \gset
UPDATE seat SET status = 'RESERVED', version = version + 1 WHERE id = :seat AND version = :v AND status = 'AVAILABLE';
INSERT INTO reservation (user_id, seat_id) VALUES (:buyer, :seat) RETURNING id, reservation_time;
ROLLBACK;
