# The results file. Sourced by bench/run at the end; reads the figures kept in $WORK/fig.

fmt() { # VALUE DECIMALS
  case $1 in -|"") echo - ;; *) round "$1" "$2" ;; esac
}
lat() { # NAME -> "p50 / p99" of a figure, or "-"
  local p50 p99
  p50=$(col "$1" 2); p99=$(col "$1" 3)
  [ "$p50" = - ] && [ "$p99" = - ] && { echo -; return; }
  echo "$(fmt "$p50" 1) / $(fmt "$p99" 1)"
}
section_of() { # NAME -> the section of bench/run that measures the figure
  case $1 in
    cheapest|health|seats|concerts|ceiling) echo reads ;;
    joins|redis_join) echo joins ;;
    v1|pg_v1|v2|pg_v2|v3) echo sales ;;
    async|v1_beside|async_final) echo async ;;
    rush|rss_rush) echo rush ;;
    sse_*) echo streams ;;
    start_*) echo start ;;
  esac
}
value() { # NAME DECIMALS -> the median, "skipped", "failed", or "-" when a partial run left its section out
  want "$(section_of "$1")" || { echo -; return; }
  if [ -f "$WORK/fig/$1.skipped" ]; then echo skipped; return; fi
  local v; v=$(col "$1" 1)
  [ "$v" = - ] && echo failed || fmt "$v" "$2"
}

# row LABEL NAME DECIMALS REF_LABEL REF_NAME KIND LIMIT
#   KIND share: pass when NAME / REF_NAME >= LIMIT;  below: pass when NAME < LIMIT;  none: no target
row() {
  local label=$1 name=$2 dec=$3 ref_label=$4 ref=$5 kind=$6 limit=${7:-} v rv r target pass
  v=$(col "$name" 1); [ -f "$WORK/fig/$name.skipped" ] && v=-
  rv=-; r=-
  if [ -n "$ref" ]; then rv=$(col "$ref" 1); [ -f "$WORK/fig/$ref.skipped" ] && rv=-; r=$(ratio "$v" "$rv"); fi
  case $kind in
    share) target="≥ $limit × reference"; pass=$(verdict "$r" "$limit") ;;
    below) target="< $limit"; pass=$(below "$v" "$limit") ;;
    *) target=-; pass=- ;;
  esac
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$(value "$name" "$dec")" "$(lat "$name")" \
    "${ref_label:--}" "$([ -n "$ref" ] && value "$ref" "$dec" || echo -)" "$([ -n "$ref" ] && lat "$ref" || echo -)" "$r" "$target" "$pass"
}

# The server's ceiling: the faster of its two trivial answers, a path no route matches (404, through the error mapper)
# and /health (a cached probe); sets CEILING_LABEL and keeps the figure as "ceiling".
ceiling() {
  local c h
  c=$(col cheapest 1); h=$(col health 1)
  if [ "$h" != - ] && { [ "$c" = - ] || awk -v h="$h" -v c="$c" 'BEGIN {exit !(h > c)}'; }; then
    cp "$WORK/fig/health" "$WORK/fig/ceiling"; CEILING_LABEL="cheapest endpoint: GET /health, a cached probe (wrk, c=$GET_CONNECTIONS)"
  elif [ "$c" != - ]; then
    cp "$WORK/fig/cheapest" "$WORK/fig/ceiling"; CEILING_LABEL="cheapest endpoint: GET unknown path → 404 (wrk, c=$GET_CONNECTIONS)"
  else
    echo "no trivial endpoint was measured" >"$WORK/fig/ceiling.skipped"; CEILING_LABEL="cheapest endpoint"
  fi
}

# cpu_row NAME LABEL: what one request of the figure cost each process, over its measured runs (fig/NAME.cpu: requests
# then ticks of server, Kafka, PostgreSQL, Redis, load tool, machine busy, machine in all).
cpu_row() {
  [ -f "$WORK/fig/$1.cpu" ] || return 0
  awk -v label="$2" -v own="$LOCAL" '
    {n += $1; for (i = 2; i <= 8; i++) t[i] += $i}
    END {
      if (n <= 0) exit
      us = 10000 / n # a tick is 10,000 us
      printf "| %s | %d | %s | %s | %.0f | %.0f | %.0f | %.0f (%.0f %%) |\n", label, n, (own == 1 ? sprintf("%.0f", t[2] * us) : "-"),
        (own == 1 && t[3] > 0 ? sprintf("%.0f", t[3] * us) : "-"), t[4] * us, t[5] * us, t[6] * us, t[7] * us, (t[8] > 0 ? 100 * t[7] / t[8] : 0)
    }' "$WORK/fig/$1.cpu"
}

cpu_table() {
  local rows
  rows=$(cpu_row health "GET /health" ; cpu_row cheapest "GET unknown path (404)"; cpu_row seats "GET seats (100)"
    cpu_row joins "join (wrk)"; cpu_row redis_join "EVALSHA join.lua (redis-benchmark)"
    cpu_row v1 "v1 sale (wrk)"; cpu_row pg_v1 "v1's SQL (pgbench transaction)"; cpu_row v2 "v2 sale (wrk)"
    cpu_row pg_v2 "v2's SQL (pgbench transaction)"; cpu_row v3 "v3 sale (wrk)"
    cpu_row async "async request, during its burst (intake, and the worker meanwhile)"
    cpu_row async_drain "async request, after its burst until its last row (the worker)"
    cpu_row start_embedded "start of \`server --embedded\`, to healthy and stopped (load tool: that server, its Kafka and Redis)")
  [ -n "$rows" ] || return 0
  echo
  echo "## Where the CPU went"
  echo
  echo "CPU time per request, in µs, over each figure's measured runs, by process (the machine has $(nproc) cores: $(nproc),000,000 µs"
  echo "of CPU a second). Server: the bench server's JVM; Kafka: its broker's JVM; load tool: wrk, redis-benchmark or pgbench;"
  echo "machine: every process, busy share of all cores in brackets. PostgreSQL and the machine include whatever else ran."
  echo
  echo "| per request of | requests | server | Kafka | PostgreSQL | Redis | load tool | machine |"
  echo "|---|---|---|---|---|---|---|---|"
  echo "$rows"
}

report() {
  local f
  ceiling
  echo "# Ticket-Rush benchmark, $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  if [ "$LOCAL" = 1 ]; then
    echo "Server: \`ticket-rush server --embedded\` started by bench/run on this machine's PostgreSQL (database $DB) and Redis"
    echo "(index $REDIS_DB), Kafka embedded; default settings (pool $POOL, strict admission, seat limit 10), join rate unlimited."
  else
    echo "Server: $SERVER, not started by bench/run. References ran on this machine's PostgreSQL ($DB, the same migrations)"
    echo "and Redis (index $REDIS_DB); figures that need server-lite additions or the server's own database, Redis or process are skipped."
  fi
  echo "Commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo ?)$(git -C "$ROOT" diff --quiet HEAD -- server-lite cli client embedded 2>/dev/null || echo ' (with uncommitted changes)')."
  echo
  echo "Machine:"
  echo "$MACHINE"
  echo
  [ -z "${ONLY:-}" ] || { echo "Partial run: only the sections $ONLY were measured (ONLY=...); the other rows are empty."; echo; }
  echo "Each figure is the median of $RUNS runs (after a ${WARMUP} s warm-up); wrk runs last $DURATION s with 2 threads."
  echo "The load generators share the machine's cores with the server, PostgreSQL, Redis and Kafka, and other work"
  echo "may be running on it: compare ratios, which are measured side by side, rather than absolute numbers."
  echo
  echo "| figure | result | p50 / p99 ms | reference (same run) | reference result | p50 / p99 ms | ratio | target | |"
  echo "|---|---|---|---|---|---|---|---|---|"
  row "joins/s, distinct users, each inserted (wrk, c=$JOIN_CONNECTIONS)" joins 0 "redis-benchmark EVALSHA of join.lua, distinct ids (c=$JOIN_CONNECTIONS)" redis_join share 0.5
  row "v1 optimistic sales/s, a seat and buyer each (wrk, c=$SALE_CONNECTIONS)" v1 0 "pgbench, v1's SQL committed (c=$POOL)" pg_v1 share 0.7
  row "v2 pessimistic sales/s, a seat and buyer each (wrk, c=$SALE_CONNECTIONS)" v2 0 "pgbench, v2's SQL committed (c=$POOL)" pg_v2 share 0.7
  row "v3 distributed-lock sales/s, a seat and buyer each (wrk, c=$SALE_CONNECTIONS)" v3 0 "v2 sales/s" v2 share 0.5
  row "async v4 accepted/s, 202, bursts of ${ASYNC_SECONDS} s (wrk, c=$SALE_CONNECTIONS)" async 0 "$CEILING_LABEL" ceiling share 0.4
  row "async requests reaching a final status/s (that burst, from its start to its last sale_request row)" async_final 0 "v1 sales/s, 5 s just before each burst" v1_beside share 0.8
  row "GET /api/concerts/options/{id}/seats, 100 seats (wrk, c=$GET_CONNECTIONS)" seats 0 "cheapest endpoint" ceiling share 0.7
  row "GET /api/concerts (wrk, c=$GET_CONNECTIONS)" concerts 0 "cheapest endpoint" ceiling none
  row "GET unknown path → 404 (wrk, c=$GET_CONNECTIONS)" cheapest 0 "cheapest endpoint" ceiling none
  row "GET /health, a cached probe (wrk, c=$GET_CONNECTIONS)" health 0 "cheapest endpoint" ceiling none
  row "ticket-rush rush requests/s, v1, spread, $RUSH_USERS buyers, --concurrency $SALE_CONNECTIONS" rush 0 "wrk on v1, pre-admitted buyers (the v1 figure)" v1 share 0.5
  row "ACTIVE push lag p99 ms, $SSE_SMALL subscribers" sse_small 1 "" "" below 50
  row "ACTIVE push lag p99 ms, $SSE_LARGE subscribers" sse_large 1 "" "" below 300
  if [ "$SSE_LARGE" -ge 50000 ]; then row "server RSS MB with $SSE_LARGE streams, after their admission" sse_large_rss 0 "" "" below 1024
  else row "server RSS MB with $SSE_LARGE streams, after their admission (the target, < 1024, is for 50,000)" sse_large_rss 0 "" "" none; fi
  row "server live heap per idle stream, KB (after a full GC, with $SSE_LARGE streams and before them)" sse_large_heap 1 "" "" none
  row "start to first healthy /health, services running (server-lite.jar), ms" start_running 0 "" "" below 2000
  row "start to first healthy /health, \`server --embedded\` (PostgreSQL, Redis, Kafka; measured first, on the idle machine), ms" start_embedded 0 "" "" below 5000
  row "server RSS MB at rest after the rushes (6 s later; peak in Runs)" rss_rush 0 "" "" below 300
  echo
  echo "## Runs"
  echo
  echo "| figure | each run | details of each run |"
  echo "|---|---|---|"
  for f in cheapest health seats concerts joins redis_join v1 pg_v1 v2 pg_v2 v3 async v1_beside async_final rush sse_small sse_large sse_large_rss sse_large_heap start_running start_embedded rss_rush; do
    if [ -f "$WORK/fig/$f.skipped" ]; then echo "| $f | skipped | $(cat "$WORK/fig/$f.skipped") |"; continue; fi
    [ -f "$WORK/fig/$f" ] || { echo "| $f | none | - |"; continue; }
    echo "| $f | $(runs_of "$f") | $(awk '{$1 = ""; sub(/^ /, ""); printf "%s%s", (NR > 1 ? "; " : ""), $0}' "$WORK/fig/$f") |"
  done
  echo
  echo "Columns of the details: p50 ms, p99 ms, then what the run counted (non-2xx answers, socket errors, ...)."
  echo "The unknown path's non-2xx are its 404s, by design. Push lag: buyers join a room, hold"
  echo "\`GET /api/v1/waiting-queue/subscribe\`, and the ticker admits a tenth of them every 500 ms; the lag is from"
  echo "StreamLoad receiving the batch on \`ticket-rush:{deploymentId}:admissions\` to it reading the ACTIVE frame."
  echo "Heap per idle stream: the server's live heap (jcmd GC.run, then GC.heap_info) with the streams open and idle, less"
  echo "the same before they opened, divided by their count, in the first round (the server lets a closed stream go at its"
  echo "next KEEPALIVE); RSS would say little: a heap that had already grown holds thousands of streams without growing."
  cpu_table
  local notes
  notes=$(for f in "$WORK"/fig/*.notes; do [ -f "$f" ] && sed "s/^/- $(basename "$f" .notes): /" "$f"; done || true)
  if [ -n "$notes" ]; then
    echo
    echo "## Notes"
    echo
    echo "$notes"
  fi
}
