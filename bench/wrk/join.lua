-- POST /api/v1/waiting-queue/join, each request a distinct user, so every join inserts a new waiter
-- (the room's capacity is set unbounded first). Env: CONCERT, FIRST (first user id of this run).
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
local concert = os.getenv("CONCERT")
local first = tonumber(os.getenv("FIRST"))
local headers = {["Content-Type"] = "application/json"}

function request()
  local body = '{"userId":' .. (first + next_index()) .. ',"concertId":' .. concert .. '}'
  return wrk.format("POST", "/api/v1/waiting-queue/join", headers, body)
end
