-- Admits buyers directly, as the original's scripts did with redis-cli, and tells every instance's subscribers.
-- KEYS: one active-user key per buyer; ARGV: admission TTL s, admissions channel, then the user ids in KEYS' order
-- published first: the subscribers hear of the batch before each key's own keyspace event (see admit.lua)
redis.call('PUBLISH', ARGV[2], '0 0 ' .. ARGV[1] .. ' ' .. table.concat(ARGV, ' ', 3))
for i = 1, #KEYS do redis.call('SET', KEYS[i], '1', 'EX', ARGV[1]) end
return #KEYS
