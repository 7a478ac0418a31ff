-- Only against a server bench/run did not start (--server): creates buyers through POST /api/users and prints the
-- lowest and highest id it was given and how many, so the driver can check they form one block of ids.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  min_id, max_id, created = math.huge, 0, 0
end

function request()
  return wrk.format("POST", "/api/users", {["Content-Type"] = "application/json"}, '{"username":"bench"}')
end

function response(status, headers, body)
  local id = tonumber(string.match(body, '"id":(%d+)'))
  if status == 200 and id then
    created = created + 1
    if id < min_id then min_id = id end
    if id > max_id then max_id = id end
  end
end

function done(summary, latency, requests)
  local lo, hi, n = math.huge, 0, 0
  for _, thread in ipairs(threads) do
    lo = math.min(lo, thread:get("min_id"))
    hi = math.max(hi, thread:get("max_id"))
    n = n + thread:get("created")
  end
  io.write(string.format("RESULT min=%d max=%d created=%d\n", lo, hi, n))
end
