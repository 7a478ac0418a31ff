-- POST a reservation (sync v1/v2/v3 or async v4): each request its own seat and its own admitted buyer, named in
-- User-Id as the strict admission rule wants. Env: SALE_PATH, SEAT_FIRST, USER_FIRST, USERS (buyers in the pool;
-- a run uses each at most once while it needs no more than USERS requests).
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
local path = os.getenv("SALE_PATH")
local seat_first = tonumber(os.getenv("SEAT_FIRST"))
local user_first = tonumber(os.getenv("USER_FIRST"))
local users = tonumber(os.getenv("USERS"))

function request()
  local index = next_index()
  local user = user_first + index % users
  local body = '{"userId":' .. user .. ',"seatId":' .. (seat_first + index) .. '}'
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["User-Id"] = tostring(user)}, body)
end
