# Running load tools and keeping their figures. Sourced by bench/run.
# Every figure NAME keeps one line per run in $WORK/fig/NAME: "value p50_ms p99_ms detail"; the table shows the
# median of each column over the runs (a "-" where it does not apply).

keep() { # NAME VALUE P50 P99 [DETAIL...]
  local name=$1; shift
  echo "$*" >>"$WORK/fig/$name"
}
skip() { echo "$2" >"$WORK/fig/$1.skipped"; log "skipping $1: $2"; } # NAME REASON
col() { # NAME COLUMN -> the median of that column over the runs, "-" when there is none
  if [ -f "$WORK/fig/$1" ]; then awk -v c="$2" '{print $c}' "$WORK/fig/$1" | median; else echo -; fi
}
runs_of() { if [ -f "$WORK/fig/$1" ]; then awk '{printf "%s%s", (NR > 1 ? ", " : ""), $1}' "$WORK/fig/$1"; fi; } # NAME -> "v1, v2, v3"
note() { echo "$2" >>"$WORK/fig/$1.notes"; } # NAME TEXT: a remark shown under the table

# CPU accounting: what the measured runs of a figure cost each process, so a ratio that misses its target shows where
# the two cores went. Ticks (1/100 s) so far of: the bench server's JVM, its Kafka broker's JVM (a child in its process
# group), PostgreSQL (every postgres process, with the ended ones its postmaster collected), Redis, the load tools
# this shell ran and waited for (wrk, redis-benchmark, pgbench), the machine busy, the machine.
cpu_ticks() { # LOAD_TICKS
  local kafka=""
  [ -n "${SERVER_PID:-}" ] && kafka=$(pgrep -g "$SERVER_PID" -x java | grep -vx "$SERVER_PID" || true)
  echo "$(proc_ticks ${SERVER_PID:-}) $(proc_ticks $kafka) $(proc_ticks $(pgrep -x postgres)) $(proc_ticks $(pgrep -x redis-server))" \
    "$1 $(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)"
}
proc_ticks() { # PID... -> their user + system ticks, and their collected children's
  local t=0 p
  for p in "$@"; do t=$(( t + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done
  echo "$t"
}
# The CPU of this shell's waited-for children into VAR, from the times builtin, which must run in this shell itself.
load_ticks() { # VAR
  local f=$WORK/times.$BASHPID LC_ALL=C # times writes the locale's decimal point
  times >"$f"
  printf -v "$1" '%s' "$(awk 'NR == 2 {t = 0; for (i = 1; i <= 2; i++) {split($i, a, /[ms]/); t += a[1] * 60 + a[2]}; printf "%d", t * 100}' "$f")"
}
cpu_mark() { local load; load_ticks load; CPU_MARK=$(cpu_ticks "$load"); }
cpu_keep() { # NAME REQUESTS: the ticks since cpu_mark, kept with the requests they served (a failed run's are not)
  local now load
  [ "${2:-0}" -gt 0 ] 2>/dev/null || return 0
  load_ticks load; now=$(cpu_ticks "$load")
  paste -d' ' <(tr ' ' '\n' <<<"$now") <(tr ' ' '\n' <<<"$CPU_MARK") | awk -v n="$2" '{d = d " " ($1 - $2)} END {print n d}' >>"$WORK/fig/$1.cpu"
}

# kv KEY LINE -> the value of KEY=value in a RESULT line
kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

# wrk_once CONNECTIONS SECONDS SCRIPT URL -> its RESULT line (env: the script's settings). 2 threads, as everywhere.
wrk_once() {
  local out
  out=$(WRK_THREADS=2 BENCH_DIR=$BENCH timeout $(( $2 + 30 )) wrk -t2 -c"$1" -d"$2s" --timeout 10s -s "$3" "$4" 2>&1) || true
  grep '^RESULT' <<<"$out" || { echo "$out" | tail -n 3 >&2; echo "RESULT rps=- p50=- p99=- requests=0 non2xx=0 socket_errors=0 used=0"; }
}

# wrk_figure NAME CONNECTIONS SCRIPT URL: a short warm-up, then RUNS timed runs of DURATION s, each kept.
wrk_figure() {
  local name=$1 conns=$2 script=$3 url=$4 r line
  wrk_once "$conns" "$WARMUP" "$script" "$url" >/dev/null
  for r in $(seq 1 "$RUNS"); do
    cpu_mark
    line=$(wrk_once "$conns" "$DURATION" "$script" "$url")
    cpu_keep "$name" "$(kv requests "$line")"
    keep "$name" "$(kv rps "$line")" "$(kv p50 "$line")" "$(kv p99 "$line")" "non2xx=$(kv non2xx "$line") socket_errors=$(kv socket_errors "$line")"
  done
  log "$name: $(runs_of "$name") req/s (c=$conns)"
}

# sale_run NAME PATH SEATS CONNECTIONS SECONDS -> RESULT line of one wrk run selling a fresh concert's seats, one
# seat and one admitted buyer per request.
sale_run() {
  local name=$1 path=$2 seats=$3 conns=$4 seconds=$5 ids line
  ids=$(fresh_seats "$seats")
  set -- "$@" $ids
  [ -z "${CPU_FIG:-}" ] || cpu_mark # the run's CPU, not the concert's setup, kept under CPU_FIG when it is set
  line=$(SALE_PATH=$path SEAT_FIRST=$7 USER_FIRST=$BUYERS_FIRST USERS=$BUYERS wrk_once "$conns" "$seconds" "$BENCH/wrk/sale.lua" "$SERVER")
  [ -z "${CPU_FIG:-}" ] || cpu_keep "$CPU_FIG" "$(kv requests "$line")"
  # every request had a seat of its own only if the run used no more indexes than the concert has seats
  local used; used=$(kv used "$line")
  [ "${used:-0}" -le "$seats" ] || note "$name" "a run used $used seats of $seats: later requests found none (404); raise SALE_SEATS_MIN"
  echo "$line"
}

# seats_for RATE SECONDS -> seats enough for a run at RATE/s (with room to spare), at least SALE_SEATS_MIN
seats_for() { awk -v r="$1" -v s="$2" -v m="$SALE_SEATS_MIN" 'BEGIN {n = (r == "-" ? 0 : r) * (s + 2) * 1.6; printf "%d", (n > m ? n : m)}'; }

# sale_figure NAME PATH: warm-up, then RUNS runs, each on a fresh concert sized for the rate seen so far.
sale_figure() {
  local name=$1 path=$2 line rate r
  line=$(sale_run "$name" "$path" "$SALE_SEATS_MIN" "$SALE_CONNECTIONS" "$WARMUP")
  rate=$(kv rps "$line")
  for r in $(seq 1 "$RUNS"); do
    line=$(CPU_FIG=$name sale_run "$name" "$path" "$(seats_for "$rate" "$DURATION")" "$SALE_CONNECTIONS" "$DURATION")
    keep "$name" "$(kv rps "$line")" "$(kv p50 "$line")" "$(kv p99 "$line")" "non2xx=$(kv non2xx "$line") socket_errors=$(kv socket_errors "$line")"
    rate=$(awk -v a="$rate" -v b="$(kv rps "$line")" 'BEGIN {print (b > a ? b : a)}')
  done
  log "$name: $(runs_of "$name") sales/s (c=$SALE_CONNECTIONS)"
}

# pgbench_figure NAME SCRIPT: the strategy's transaction, COMMITted, each on a seat and buyer of its own, with as many
# clients as the server's pool has connections; -M prepared, as the JDBC driver prepares repeated statements.
pgbench_figure() {
  local name=$1 script=$2 r tps stride first out rate=0 seconds
  for r in $(seq 0 "$RUNS"); do # run 0 is the warm-up
    seconds=$DURATION; [ "$r" = 0 ] && seconds=$WARMUP
    # each client c takes seats c*stride+1 .. c*stride+stride: enough for the rate seen so far, with room to spare
    stride=$(awk -v r="$rate" -v s="$seconds" -v c="$POOL" 'BEGIN {n = (r > 0 ? r : 5000) * (s + 2) * 1.6 / c; printf "%d", (n > 500 ? n : 500)}')
    first=$(pgbench_seats $(( POOL * stride + POOL + 1 )))
    rm -f "$WORK"/pgblog*
    cpu_mark
    out=$(cd "$WORK" && timeout $(( seconds + 60 )) pgbench -n -M prepared -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -f "$BENCH/pgbench/$script.sql" \
      -D n=0 -D stride="$stride" -D seat_first="$first" -D user_first="$PGB_BUYERS_FIRST" -D users="$BUYERS" \
      -c "$POOL" -j 2 -T "$seconds" -l --log-prefix="$WORK/pgblog" "$DB" 2>&1) || { echo "$out" | tail -n 5 >&2; }
    tps=$(awk '/^tps/ {print $3; exit}' <<<"$out")
    rate=${tps:-0}
    if grep -qi 'abort' <<<"$out" || ! grep -q 'failed transactions: 0 ' <<<"$out"; then note "$name" "pgbench reported failed or aborted transactions: $(grep -Ei 'failed|abort' <<<"$out" | sed -n 1,2p | tr '\n' ' ')"; fi
    [ "$r" = 0 ] && continue
    cpu_keep "$name" "$(awk '/actually processed/ {print $NF; exit}' <<<"$out")"
    # pgbench's per-transaction log: the third column is the latency in microseconds
    local lat; lat=$(cat "$WORK"/pgblog* 2>/dev/null | awk '{print $3 / 1000}' | sort -g | awk '{a[NR]=$1} END {if (NR) printf "%.2f %.2f", a[int(NR*0.5)+1], a[int(NR*0.99)+1]; else print "- -"}')
    keep "$name" "${tps:--}" $lat "clients=$POOL"
  done
  rm -f "$WORK"/pgblog*
  log "$name: $(runs_of "$name") tps (pgbench -c$POOL)"
  settle_database
}

# settle_database: a CHECKPOINT, so the dirty pages a write-heavy figure leaves are flushed before the next figure
# starts rather than while it runs.
settle_database() {
  [ "$LOCAL" = 1 ] || return 0
  psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$DB" -c CHECKPOINT >/dev/null 2>&1 || true
}
