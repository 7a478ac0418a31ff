-- Joins a concert's waiting line in one step, so the capacity check and the insert cannot race.
-- KEYS: line (waiting-queue:{concertId}), the buyer's active-user key, throttle, rooms with waiters, admission due
-- ARGV: user id, default capacity, concert id, default admission interval ms
-- A repeated join keeps its place. The score is the join time in ms on Redis' clock, nudged past the last waiter's
-- when joins share a millisecond: every instance orders joins alike and nobody is ever put ahead of an earlier joiner.
-- The first waiter of a quiet room starts its admission clock; a join never pushes a due batch back.
if redis.call('EXISTS', KEYS[2]) == 1 then return {'ACTIVE', 0} end
local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
if rank then return {'WAITING', rank + 1} end
local capacity = tonumber(redis.call('HGET', KEYS[3], 'capacity') or ARGV[2])
local waiting = redis.call('ZCARD', KEYS[1])
if waiting >= capacity then return {'REJECTED', -1} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local score = now
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] and tonumber(last[2]) >= score then score = tonumber(last[2]) + 0.001 end
redis.call('ZADD', KEYS[1], score, ARGV[1])
redis.call('SADD', KEYS[4], ARGV[3])
if waiting == 0 then
  local due = tonumber(redis.call('GET', KEYS[5]))
  if not due or due < now then
    local interval = tonumber(redis.call('HGET', KEYS[3], 'admitIntervalMs') or ARGV[4])
    redis.call('SET', KEYS[5], string.format('%d', now + interval), 'PX', string.format('%d', 2 * interval))
  end
end
return {'WAITING', waiting + 1}
