-- Whether a buyer is admitted (its active-user key exists): the check of every guarded request.
-- KEYS: the buyer's active-user key
return redis.call('EXISTS', KEYS[1])
