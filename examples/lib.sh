# Shared by the example scripts: start servers (and the stack they share) in the background and stop them on exit.
LOG_DIR=$(mktemp -d)
PIDS=()
# the last started stops first, so servers are gone before the stack they run on
trap 'for (( i=${#PIDS[@]}-1; i>=0; i-- )); do { kill "${PIDS[i]}" 2>/dev/null && wait "${PIDS[i]}" 2>/dev/null; } || true; done; rm -rf "$LOG_DIR"' EXIT

# Build the CLI once, up front: servers started below run from its jar, which must not be rebuilt under them.
./ticket-rush --version >/dev/null
export TICKETRUSH_NO_REBUILD=1

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
free_port() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1]); s.close()"; }

# run_server PORT [server flags...]: starts ./ticket-rush server and waits for /health
run_server() {
  local port=$1; shift
  ./ticket-rush server --port "$port" "$@" >"$LOG_DIR/server-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  echo "server on port $port did not start:" >&2; cat "$LOG_DIR/server-$port.log" >&2; exit 2
}

# Sets SERVER: the given one, else a fresh embedded server.
start_server_unless_given() {
  [ -n "${SERVER:-}" ] && return
  local port; port=$(free_port)
  run_server "$port" --embedded
  SERVER="http://127.0.0.1:$port"
}

# start_stack [stack flags...]: starts ./ticket-rush stack, waits for its URLs and exports its TICKETRUSH_* variables here
start_stack() {
  ./ticket-rush stack "$@" >"$LOG_DIR/stack.out" 2>"$LOG_DIR/stack.log" &
  PIDS+=($!)
  for _ in $(seq 1 240); do
    if grep -q '^export TICKETRUSH_KAFKA_BOOTSTRAP=' "$LOG_DIR/stack.out"; then
      eval "$(grep '^export ' "$LOG_DIR/stack.out")"
      return 0
    fi
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  echo "the stack did not start:" >&2; cat "$LOG_DIR/stack.log" >&2; exit 2
}
