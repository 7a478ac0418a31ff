#!/usr/bin/env bash
# Two server-lite instances behind Debian's nginx, all on loopback: the multi-machine deployment, on one machine.
# `ticket-rush stack` runs the PostgreSQL, Redis and Kafka both instances share; nginx runs deploy/nginx.conf (the file
# docker-compose.yml mounts) with the instances' ports in its upstream and its own port, in the foreground, with a
# prefix of its own in a temporary folder: nothing of the machine's nginx is touched. A rush goes through nginx, a
# buyer's waiting-room stream too, and each instance's /metrics shows its share. Everything stops on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "behind-nginx.sh needs nginx: apt-get install nginx" >&2; exit 2; }
. examples/lib.sh
start_stack
echo "stack: $TICKETRUSH_DB_URL, $TICKETRUSH_REDIS_URL, kafka $TICKETRUSH_KAFKA_BOOTSTRAP"
first_port=$(free_port); second_port=$(free_port); front_port=$(free_port)
run_server "$first_port"
run_server "$second_port"

mkdir -p "$LOG_DIR/nginx"
awk -v first="$first_port" -v second="$second_port" -v front="$front_port" '
  /^[[:space:]]*server [^ ]+:[0-9]+;/ { if (!done) { print "    server 127.0.0.1:" first ";"; print "    server 127.0.0.1:" second ";"; done = 1 } next }
  { sub(/listen 8080;/, "listen 127.0.0.1:" front ";"); print }' deploy/nginx.conf >"$LOG_DIR/nginx/nginx.conf"
"$NGINX" -e stderr -p "$LOG_DIR/nginx/" -c nginx.conf -g 'daemon off;' >"$LOG_DIR/nginx.log" 2>&1 &
PIDS+=($!)
front="http://127.0.0.1:$front_port"
for _ in $(seq 1 50); do curl -fs "$front/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$front/health" >/dev/null || { echo "nginx did not start:" >&2; cat "$LOG_DIR/nginx.log" >&2; exit 2; }
echo "nginx on $front in front of :$first_port and :$second_port"

concert=$(./ticket-rush setup --server "$front" --title "Behind nginx" --artist Duo --seats 200 --json | json_field concertId)
echo "== a buyer's waiting-room stream through nginx (first frames)"
buyer=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"nginx-watcher"}' "$front/api/users" | json_field id)
curl -fs -H 'Content-Type: application/json' -d "{\"userId\":$buyer,\"concertId\":$concert}" "$front/api/v1/waiting-queue/join"; echo
curl -sN --max-time 2 "$front/api/v1/waiting-queue/subscribe?concertId=$concert&userId=$buyer" | grep '^event:' | head -n 2 || true
echo "== 600 buyers through nginx, each earning admission in the waiting room"
./ticket-rush rush --server "$front" --concert "$concert" --users 600 --concurrency 32 --strategy optimistic --pattern random --attempts 5 --via-queue --admit-rate 500/s
for port in "$first_port" "$second_port"; do
  served=$(curl -fs "http://127.0.0.1:$port/metrics" | awk '/^http_server_requests_seconds_count\{method="POST",route="\/api\/reservations\/v1\/optimistic"/ { n += $2 } END { print n + 0 }')
  echo "instance :$port answered $served reservation requests"
  [ "$served" -gt 0 ] || { echo "instance :$port got no share of the rush" >&2; exit 1; }
done
echo "== what Prometheus scrapes from an instance (excerpt)"
curl -fs "http://127.0.0.1:$first_port/metrics" | grep -E '^(ticketrush_(queue|seats|async|kafka|sse)[a-z_]*\{concert="'"$concert"'"|ticketrush_(async|kafka|sse)|http_server_requests_seconds_(count|sum)\{method="POST",route="/api/reservations/v1/optimistic"|hikaricp_connections_(active|max|pending)\{pool="ticket-rush-db")' || true
./ticket-rush verify --server "$front" --concert "$concert"
