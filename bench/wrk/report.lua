-- Shared by every wrk script of bench/run (loaded with dofile): numbers each thread its requests and prints one
-- machine-readable line when wrk is done, so the driver never parses wrk's human summary.
-- Request i of thread t (t = 0, 1, ...) gets the index t + i * threads: the indexes of one run are dense, and the
-- highest one tells the driver where the next run may start (ids must never repeat across runs).

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

-- Called once per thread before its first request: reads the thread's number and the run's settings.
function init(args)
  nthreads = tonumber(os.getenv("WRK_THREADS") or "2")
  counter = 0
end

-- The next dense index of this thread.
function next_index()
  local index = tid + counter * nthreads
  counter = counter + 1
  return index
end

function done(summary, latency, requests)
  local last = 0
  for _, thread in ipairs(threads) do
    local n = thread:get("counter") or 0
    if n > last then last = n end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50=%.2f p99=%.2f requests=%d non2xx=%d socket_errors=%d used=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    e.status, e.connect + e.read + e.write + e.timeout, last * #threads))
end
