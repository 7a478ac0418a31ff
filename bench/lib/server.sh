# Starting, timing and stopping servers. Sourced by bench/run; uses $WORK, $JAVA_HOME, $CLI_JAR, $SERVER_LITE_JAR.

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_healthy URL TIMEOUT_S -> 0 once GET /health answers 200 with status UP (every dependency up). One python3 polls
# every 20 ms: a curl and a date forked 50 times a second took CPU from the start they timed (on 2 cores a start on
# running services read 3.5 s against 2.6 s, medians of 6 alternating runs).
wait_healthy() {
  python3 - "$1/health" "$2" <<'PY'
import sys, time, urllib.request
url, deadline = sys.argv[1], time.monotonic() + float(sys.argv[2])
direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
while time.monotonic() < deadline:
    try:
        with direct.open(url, timeout=1) as answer:
            if b'"status":"UP"' in answer.read():
                sys.exit(0)
    except Exception:
        pass
    time.sleep(0.02)
sys.exit(1)
PY
}

# Each server runs in a process group of its own (setsid), so that stopping it also stops the embedded services it
# started as children (Kafka is a child JVM), even if its shutdown hook does not get to run.
# The launcher's JVM flags (./ticket-rush: heap bounds, class data sharing), so servers run here as users run them.
. "$ROOT/.mvn/jvm-flags.sh"
# Temporary files (the embedded Kafka's class data archive, 50 MB per class path) go to $WORK/tmp, removed at the end.
jvm_flags() { mkdir -p "$WORK/tmp"; TICKETRUSH_JAVA_OPTS="-Djava.io.tmpdir=$WORK/tmp" tr_jvm_flags "$@"; } # JAR [COMMAND] -> the JVM flags

# start_group LOG CMD... -> prints the group leader's pid (the java process itself: setsid execs it).
start_group() {
  local log=$1; shift
  setsid "$@" >"$log" 2>&1 </dev/null &
  echo $!
}

# stop_group PID: SIGTERM (shutdown hooks stop embedded services), up to 20 s, then SIGKILL to the whole group.
stop_group() {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# The bench's own server: the CLI's `server --embedded` with our database and Redis index, so only Kafka is embedded.
# Sets SERVER_PID, SERVER (URL), KAFKA (the embedded broker's address, for the start-up figure).
start_bench_server() {
  local port log=$WORK/server.log started
  port=$(free_port)
  SERVER=http://127.0.0.1:$port
  started=$(now_ms)
  # --join-rate 0: the load comes from one address (loopback is exempt anyway); --seat-limit stays at its default
  # because every buyer buys one seat per concert. --h2c: where the open-file limit is below 50,000, the large stream
  # figure multiplexes its streams over HTTP/2; every other figure's clients speak HTTP/1.1 as before.
  SERVER_PID=$(start_group "$log" "$JAVA_HOME/bin/java" $(jvm_flags "$CLI_JAR" server) ${BENCH_SERVER_JAVA_OPTS:-} -jar "$CLI_JAR" server --embedded --reset-redis \
    --port "$port" --db-url "jdbc:postgresql://$PGHOST:$PGPORT/$DB" --db-user "$PGUSER" --redis-url "$REDIS_URL" --join-rate 0 --h2c)
  wait_healthy "$SERVER" 120 || { tail -n 30 "$log" >&2; die "the server did not become healthy in 120 s (log above)"; }
  SERVER_START_MS=$(( $(now_ms) - started ))
  KAFKA=$(awk '$1 == "kafka" {print $2; exit}' "$log")
  log "server pid $SERVER_PID on $SERVER (healthy after $SERVER_START_MS ms; embedded Kafka $KAFKA)"
}

# start_time_running -> ms from launch to first healthy /health of server-lite (the deployable jar + lib/, as in the
# Docker image) on services that are already up: our PostgreSQL database (already migrated), our Redis index and
# the bench server's Kafka. It joins the bench server's deployment, as a second instance would.
start_time_running() {
  local port pid t0 ms
  port=$(free_port)
  t0=$(now_ms)
  pid=$(TICKETRUSH_PORT=$port TICKETRUSH_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" TICKETRUSH_DB_USER=$PGUSER \
    TICKETRUSH_REDIS_URL=$REDIS_URL TICKETRUSH_KAFKA_BOOTSTRAP=$KAFKA TICKETRUSH_JOIN_RATE=0 \
    start_group "$WORK/start-running.log" "$JAVA_HOME/bin/java" $(jvm_flags "$SERVER_LITE_JAR") -jar "$SERVER_LITE_JAR")
  if wait_healthy "http://127.0.0.1:$port" 60; then ms=$(( $(now_ms) - t0 )); else ms=-; tail -n 5 "$WORK/start-running.log" >&2; fi
  stop_group "$pid"
  echo "$ms"
}

# start_time_embedded -> ms from launch to first healthy /health of `ticket-rush server --embedded` with no URL:
# PostgreSQL, Redis and Kafka all embedded (fresh data folders), as on a machine with only a JDK.
start_time_embedded() {
  local port pid t0 ms
  port=$(free_port)
  t0=$(now_ms)
  pid=$(start_group "$WORK/start-embedded.log" "$JAVA_HOME/bin/java" $(jvm_flags "$CLI_JAR" server) -jar "$CLI_JAR" server --embedded --port "$port")
  if wait_healthy "http://127.0.0.1:$port" 90; then ms=$(( $(now_ms) - t0 )); else ms=-; tail -n 5 "$WORK/start-embedded.log" >&2; fi
  stop_group "$pid"
  echo "$ms"
}
