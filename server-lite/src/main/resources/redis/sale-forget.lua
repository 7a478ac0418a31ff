-- Forgets a request that never reached Kafka: its status, and the pair's status if it was the pair's latest.
-- KEYS: request status, pair status, pair's latest request id; ARGV: request id
redis.call('DEL', KEYS[1])
if redis.call('GET', KEYS[3]) == ARGV[1] then redis.call('DEL', KEYS[2], KEYS[3]) end
return 0
