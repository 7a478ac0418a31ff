-- Admits buyers directly, as the original's scripts did with redis-cli, and tells every instance's subscribers.
-- KEYS: one active-user key per buyer; ARGV: admission TTL s, admissions channel, then the user ids in KEYS' order
for i = 1, #KEYS do redis.call('SET', KEYS[i], '1', 'EX', ARGV[1]) end
redis.call('PUBLISH', ARGV[2], '0 0 ' .. ARGV[1] .. ' ' .. table.concat(ARGV, ' ', 3))
return #KEYS
