# Shared by the example scripts: start servers in the background and stop them on exit.
LOG_DIR=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$LOG_DIR"' EXIT

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
  ./ticket-rush --version >/dev/null
  run_server "$port" --embedded
  SERVER="http://127.0.0.1:$port"
}
