-- Records an async request's status in Redis, the fast copy of what PostgreSQL holds, and publishes the change.
-- KEYS: request status, pair status (the contract's reservation:status:{userId}:{seatId}), pair's latest request id
-- ARGV: request id, status, TTL ms, channel, user id, seat id
-- A final status is final: a late PENDING or PROCESSING never replaces SUCCESS or a FAIL.
-- The pair's key shows its latest accepted request only, so an older request's outcome never hides a newer one.
local current = redis.call('GET', KEYS[1])
if current == 'SUCCESS' or (current and string.sub(current, 1, 4) == 'FAIL') then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
local latest = redis.call('GET', KEYS[3])
if ARGV[2] == 'PENDING' or not latest or latest == ARGV[1] then
  redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[3])
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
end
redis.call('PUBLISH', ARGV[4], ARGV[1] .. ':' .. ARGV[5] .. ':' .. ARGV[6] .. ':' .. ARGV[2])
return 1
