-- Where many buyers of one line stand, in one call: position.lua for each (the broadcaster's safety net).
-- KEYS: line, the line's admitted total, then one active-user key per buyer; ARGV: the buyers' user ids, same order
-- Answers {admitted total, then status, rank, admission ms left for each buyer}.
local out = {tonumber(redis.call('GET', KEYS[2]) or '0')}
for i = 1, #ARGV do
  local ttl = redis.call('PTTL', KEYS[i + 2])
  if ttl ~= -2 then
    out[#out + 1] = 'ACTIVE'; out[#out + 1] = 0; out[#out + 1] = ttl
  else
    local rank = redis.call('ZRANK', KEYS[1], ARGV[i])
    if rank then
      out[#out + 1] = 'WAITING'; out[#out + 1] = rank + 1; out[#out + 1] = 0
    else
      out[#out + 1] = 'NONE'; out[#out + 1] = -1; out[#out + 1] = 0
    end
  end
end
return out
