-- Admits the head of a concert's line when its batch is due, in one step, so exactly one instance admits each batch.
-- KEYS: line, admission due, throttle, admitted (by expiry), rooms with waiters, admitted total
-- ARGV: default count, default interval ms, admission TTL s, concert id, max catch-up batches, admissions channel,
--       the contract's admission key prefix (active-user:)
-- The due key holds the next batch's time on Redis' clock, so every instance agrees and a late tick does not slow the
-- rate; it outlives its time by the catch-up window, so a room left alone that long starts afresh. The admitted ids
-- are published with the line's new admitted total: every instance tells its subscribers at once, ranks included.
-- an empty line admits nobody and keeps no clock: a tick that comes after a cleanup leaves nothing behind
if redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('SREM', KEYS[5], ARGV[4])
  return 0
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(redis.call('HGET', KEYS[3], 'admitIntervalMs') or ARGV[2])
local due = tonumber(redis.call('GET', KEYS[2]))
if due and now < due then return 0 end
local batches = 1
local nextDue = now + interval
if due and now - due < interval * tonumber(ARGV[5]) then
  batches = math.floor((now - due) / interval) + 1
  nextDue = due + batches * interval
end
redis.call('SET', KEYS[2], string.format('%d', nextDue), 'PX', string.format('%d', nextDue - now + interval * tonumber(ARGV[5])))
local count = tonumber(redis.call('HGET', KEYS[3], 'admitCount') or ARGV[1]) * batches
local heads = redis.call('ZPOPMIN', KEYS[1], count)
local ttl = tonumber(ARGV[3])
local admitted = {}
for i = 1, #heads, 2 do admitted[#admitted + 1] = heads[i] end
if #admitted > 0 then
  -- published before the keys are set: each SET sends its own keyspace event, and a subscriber reading a batch's
  -- thousands of those first would tell its admitted buyers only after them (the script is atomic all the same)
  local total = redis.call('INCRBY', KEYS[6], #admitted)
  redis.call('PUBLISH', ARGV[6], ARGV[4] .. ' ' .. total .. ' ' .. ttl .. ' ' .. table.concat(admitted, ' '))
end
for _, user in ipairs(admitted) do
  redis.call('SET', ARGV[7] .. user, '1', 'EX', ttl)
  redis.call('ZADD', KEYS[4], now + ttl * 1000, user)
end
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('SREM', KEYS[5], ARGV[4]) end
if #admitted == 0 then return 0 end
redis.call('PEXPIRE', KEYS[4], ttl * 1000)
return #admitted
