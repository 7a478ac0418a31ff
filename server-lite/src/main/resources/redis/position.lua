-- Where a buyer stands, by the one rule: admitted while active-user:{userId} exists, else waiting while in line.
-- KEYS: line, the buyer's active-user key, the line's admitted total; ARGV: user id
-- Answers {status, rank, admission ms left, waiters admitted from this line so far}.
local admitted = tonumber(redis.call('GET', KEYS[3]) or '0')
local ttl = redis.call('PTTL', KEYS[2])
if ttl ~= -2 then return {'ACTIVE', 0, ttl, admitted} end
local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
if rank then return {'WAITING', rank + 1, 0, admitted} end
return {'NONE', -1, 0, admitted}
