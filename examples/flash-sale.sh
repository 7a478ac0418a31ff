#!/usr/bin/env bash
# A flash sale through the waiting room: 5000 buyers join, are admitted at 500/s, hold their SSE stream until
# ACTIVE, then buy one of 500 seats. A watcher shows one real buyer's rank falling to ACTIVE meanwhile.
# Starts its own embedded server unless SERVER is set.
set -euo pipefail
cd "$(dirname "$0")/.."
. examples/lib.sh
# At 500/s on a 2-core machine buyers join about as fast as they are admitted, so the line stays short;
# RATE=100/s lets it grow to thousands and the watcher sees its rank fall all the way to ACTIVE.
USERS=${USERS:-5000}; SEATS=${SEATS:-500}; RATE=${RATE:-500/s}
start_server_unless_given
concert=$(./ticket-rush setup --server "$SERVER" --title "Flash sale" --artist "The Queue" --seats "$SEATS" --json | json_field concertId)
./ticket-rush rush --server "$SERVER" --concert "$concert" --users "$USERS" --via-queue \
  --queue-capacity "$USERS" --admit-rate "$RATE" --strategy optimistic --pattern random &
rush=$!
# the swarm creates its buyers first, then they all join; one more buyer joins behind them and watches
watcher=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"watcher"}' "$SERVER/api/users" | json_field id)
for _ in $(seq 1 600); do
  waiting=$(curl -fs "$SERVER/api/v1/waiting-queue/overview?concertId=$concert" 2>/dev/null | json_field waiting 2>/dev/null || echo 0)
  [ "$waiting" -gt 200 ] && break
  sleep 0.1
done
./ticket-rush watch --server "$SERVER" --concert "$concert" --user "$watcher" --join --give-up-after 120 || true
wait "$rush"
./ticket-rush status --server "$SERVER" --concert "$concert"
./ticket-rush verify --server "$SERVER" --concert "$concert"
