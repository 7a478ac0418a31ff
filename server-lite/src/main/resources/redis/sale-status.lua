-- Records async requests' statuses in Redis, the fast copy of what PostgreSQL holds, and publishes the changes in one
-- message (a worker's run of 50 is one call and one message, not 50).
-- KEYS, three per request: request status, pair status (the contract's reservation:status:{userId}:{seatId}), pair's latest request id
-- ARGV: TTL ms, channel, then four per request: request id, status, user id, seat id
-- A final status is final: a late PENDING or PROCESSING never replaces SUCCESS or a FAIL.
-- The pair's key shows its latest accepted request only, so an older request's outcome never hides a newer one.
-- Publishes "requestId:userId:seatId:STATUS" of each change, comma-separated; returns how many changed.
local ttl, changes = ARGV[1], {}
for i = 0, #KEYS / 3 - 1 do
  local request, pair, latest_key = KEYS[3 * i + 1], KEYS[3 * i + 2], KEYS[3 * i + 3]
  local id, status, user, seat = ARGV[4 * i + 3], ARGV[4 * i + 4], ARGV[4 * i + 5], ARGV[4 * i + 6]
  local current = redis.call('GET', request)
  if not (current == 'SUCCESS' or (current and string.sub(current, 1, 4) == 'FAIL')) then
    redis.call('SET', request, status, 'PX', ttl)
    local latest = redis.call('GET', latest_key)
    if status == 'PENDING' or not latest or latest == id then
      redis.call('SET', latest_key, id, 'PX', ttl)
      redis.call('SET', pair, status, 'PX', ttl)
    end
    changes[#changes + 1] = id .. ':' .. user .. ':' .. seat .. ':' .. status
  end
end
if #changes > 0 then redis.call('PUBLISH', ARGV[2], table.concat(changes, ',')) end
return #changes
