#!/usr/bin/env bash
# Each sync strategy on a hot and a spread rush, next to pgbench running the same lock pattern's SQL, in one run.
# Needs the machine's PostgreSQL (127.0.0.1:5432, trust) and Redis (127.0.0.1:6379); Kafka is embedded.
# Usage: bench/reservations.sh            (RUNS=3 USERS=2000 by default; prints a table, writes bench/results/)
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
RUNS=${RUNS:-3}
USERS=${USERS:-2000}
HOT_SEATS=${HOT_SEATS:-100}
SPREAD_SEATS=${SPREAD_SEATS:-2000}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-10}
POOL=${POOL:-16}
DB=ticketrush_bench
REDIS_URL=redis://127.0.0.1:6379/5
PORT=${PORT:-18080}
SERVER=http://127.0.0.1:$PORT
work=$(mktemp -d)
trap 'kill $(cat "$work/server.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
redis-cli -n 5 flushdb >/dev/null
./ticket-rush --version >/dev/null   # builds the jar once, outside the timings
./ticket-rush server --embedded --reset-redis --port "$PORT" --db-pool "$POOL" --db-url "jdbc:postgresql://127.0.0.1:5432/$DB" \
  --redis-url "$REDIS_URL" >"$work/server.log" 2>&1 &
echo $! >"$work/server.pid"
for _ in $(seq 1 120); do curl -fs "$SERVER/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$SERVER/health" >/dev/null || { cat "$work/server.log"; exit 1; }

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d'+sys.argv[1]))" "$1"; }

rush() { # strategy pattern seats -> lines "throughput p99 succeeded oversold errors"
  local concert
  concert=$(./ticket-rush setup --server "$SERVER" --title bench --artist bench --seats "$3" --json | field "['concertId']")
  ./ticket-rush rush --server "$SERVER" --concert "$concert" --users "$USERS" --strategy "$1" \
    --pattern "$2" --seed "$RANDOM" --json >"$work/rush.json" || true
  python3 - "$work/rush.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(d["buyers"]["perSecond"], d["requests"]["latencyMs"]["p99"], d["buyers"]["sold"], d["check"]["oversold"], d["requests"]["errors"])
PY
}

pgbench_tps() { # script span first-seat
  pgbench -n -h 127.0.0.1 -U postgres -f "bench/pgbench/$1.sql" -D first="$3" -D span="$2" -D users="$USERS" \
    -c "$POOL" -j 2 -T "$PGBENCH_SECONDS" "$DB" 2>/dev/null | awk '/^tps/ {print $3}'
}

{
  echo "# Reservations benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB;"
  echo "server, PostgreSQL, Redis, Kafka and the swarm share it. $USERS buyers per rush, pool $POOL, medians of $RUNS runs."
  echo
  echo "| strategy | pattern | seats | buyers/s | p99 ms | sold | oversold | errors | pgbench tps (same SQL) | buyers/s ÷ pgbench tps |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} | tee "$work/table.md"

for strategy in optimistic pessimistic distributed; do
  for pattern in hot spread; do
    seats=$HOT_SEATS; [ "$pattern" = spread ] && seats=$SPREAD_SEATS
    : >"$work/runs"
    for _ in $(seq 1 "$RUNS"); do rush "$strategy" "$pattern" "$seats" >>"$work/runs"; done
    tput=$(cut -d' ' -f1 "$work/runs" | median); p99=$(cut -d' ' -f2 "$work/runs" | median)
    sold=$(cut -d' ' -f3 "$work/runs" | sort -u | xargs); over=$(cut -d' ' -f4 "$work/runs" | sort -u | xargs); errs=$(cut -d' ' -f5 "$work/runs" | sort -u | xargs)
    # pgbench runs the strategy's database statements (distributed: the guarded sale under the lock) on seats of a fresh concert
    script=optimistic; [ "$strategy" = pessimistic ] && script=pessimistic
    concert=$(./ticket-rush setup --server "$SERVER" --title pgbench --artist bench --seats "$seats" --json | field "['concertId']")
    first=$(psql -qtA -h 127.0.0.1 -U postgres -d "$DB" -c "SELECT min(s.id) FROM seat s JOIN concert_option o ON o.id = s.concert_option_id WHERE o.concert_id = $concert")
    span=$seats; [ "$pattern" = hot ] && span=3
    psql -q -h 127.0.0.1 -U postgres -d "$DB" -c "INSERT INTO app_user (username) SELECT 'pgbench' FROM generate_series(1, $USERS) WHERE (SELECT count(*) FROM app_user) < $USERS" >/dev/null
    : >"$work/tps"
    for _ in $(seq 1 "$RUNS"); do pgbench_tps "$script" "$span" "$first" >>"$work/tps"; done
    tps=$(median <"$work/tps")
    ratio=$(awk -v a="$tput" -v b="$tps" 'BEGIN {printf "%.2f", a / b}')
    echo "| $strategy | $pattern | $seats | $tput | $p99 | $sold | $over | $errs | $tps | $ratio |" | tee -a "$work/table.md"
  done
done
cp "$work/table.md" "bench/results/reservations-$(date -u +%Y%m%d-%H%M).md"
