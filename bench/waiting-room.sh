#!/usr/bin/env bash
# Joins/s through HTTP next to redis-benchmark running the same join Lua script, and async requests accepted/s,
# all in one run. Needs the machine's PostgreSQL and Redis, and wrk (apt-get install wrk); Kafka is embedded.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
RUNS=${RUNS:-3}; SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}; CONNECTIONS=${CONNECTIONS:-64}
DB=ticketrush_bench_wr; REDIS_DB=4; PORT=${PORT:-18082}; SERVER=http://127.0.0.1:$PORT
work=$(mktemp -d)
trap 'kill $(cat "$work/server.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null 2>&1
redis-cli -n $REDIS_DB flushdb >/dev/null
./ticket-rush --version >/dev/null
./ticket-rush server --embedded --reset-redis --port "$PORT" --db-url "jdbc:postgresql://127.0.0.1:5432/$DB" --redis-url "redis://127.0.0.1:6379/$REDIS_DB" >"$work/server.log" 2>&1 &
echo $! >"$work/server.pid"
for _ in $(seq 1 120); do curl -fs "$SERVER/health" >/dev/null 2>&1 && break; sleep 0.5; done
concert=$(./ticket-rush setup --server "$SERVER" --title bench --artist bench --seats 10 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["concertId"])')
curl -fs -X PUT -H 'Content-Type: application/json' -d '{"capacity":1000000,"admitCount":1,"admitIntervalMs":3600000}' "$SERVER/api/v1/waiting-queue/config/$concert" >/dev/null

cat >"$work/join.lua" <<LUA
counter = 0
request = function()
  counter = counter + 1
  local body = '{"userId":' .. math.random(1, 2000000000) .. ',"concertId":$concert}'
  return wrk.format("POST", "/api/v1/waiting-queue/join", {["Content-Type"] = "application/json"}, body)
end
LUA
cat >"$work/async.lua" <<'LUA'
request = function()
  local body = '{"userId":' .. math.random(1, 2000000000) .. ',"seatId":' .. math.random(1, 2000000000) .. '}'
  return wrk.format("POST", "/api/reservations/v4-opt/queue-polling", {["Content-Type"] = "application/json"}, body)
end
LUA
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
wrk_rate() { wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$1" "$SERVER" | awk '/^Requests\/sec/ {print $2}'; }
# the join script exactly as the server runs it, loaded once and run by its SHA1 as the server does
sha=$(redis-cli -n $REDIS_DB SCRIPT LOAD "$(cat server-lite/src/main/resources/redis/join.lua)")
: >"$work/joins"; : >"$work/redis"; : >"$work/async"
for _ in $(seq 1 "$RUNS"); do
  wrk_rate "$work/join.lua" >>"$work/joins"
  redis-cli -n $REDIS_DB del "waiting-queue:bench" >/dev/null
  redis-benchmark -n 200000 -c "$CONNECTIONS" -r 2000000000 --dbnum $REDIS_DB -q EVALSHA "$sha" 5 waiting-queue:bench active-user:__rand_int__ \
    waiting-room:throttle:bench waiting-rooms waiting-room:admission-due:bench __rand_int__ 10000000 0 3600000 \
    | tr '\r' '\n' | awk '/requests per second/ {print $(NF-5)}' | tail -n 1 >>"$work/redis"
  wrk_rate "$work/async.lua" >>"$work/async"
done
joins=$(median <"$work/joins"); lua=$(median <"$work/redis"); accepted=$(median <"$work/async")
{
  echo "# Waiting-room benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); server, PostgreSQL, Redis, Kafka and the load generator share it."
  echo "wrk -t2 -c$CONNECTIONS, ${SECONDS_PER_RUN} s per run; medians of $RUNS runs."
  echo
  echo "| figure | rate/s | reference | reference rate/s | ratio |"
  echo "|---|---|---|---|---|"
  echo "| joins over HTTP (POST join) | $joins | redis-benchmark EVALSHA of the same join script | $lua | $(awk -v a="$joins" -v b="$lua" 'BEGIN {printf "%.3f", a/b}') |"
  echo "| async requests accepted (202 after acks=all) | $accepted | the joins over HTTP above | $joins | $(awk -v a="$accepted" -v b="$joins" 'BEGIN {printf "%.3f", a/b}') |"
} | tee "bench/results/waiting-room-$(date -u +%Y%m%d-%H%M).md"
