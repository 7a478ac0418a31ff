#!/usr/bin/env bash
# Two server-lite instances sharing one PostgreSQL, Redis and Kafka; one swarm split across both.
# Uses the machine's PostgreSQL and Redis (TICKETRUSH_DB_URL / TICKETRUSH_REDIS_URL to change) and one embedded Kafka.
set -euo pipefail
cd "$(dirname "$0")/.."
. examples/lib.sh
db=${TICKETRUSH_DB_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}
REDIS_URL=${TICKETRUSH_REDIS_URL:-redis://127.0.0.1:6379}
first_port=$(free_port); second_port=$(free_port)
# the first instance starts the Kafka broker; the second joins it
run_server "$first_port" --embedded --db-url "$db" --redis-url "$REDIS_URL"
kafka=$(sed -n 's/^  kafka *//p' "$LOG_DIR/server-$first_port.log" | head -n 1)
run_server "$second_port" --db-url "$db" --redis-url "$REDIS_URL" --kafka-bootstrap "$kafka"
servers="http://127.0.0.1:$first_port,http://127.0.0.1:$second_port"
for strategy in optimistic pessimistic distributed; do
  concert=$(./ticket-rush setup --server "http://127.0.0.1:$first_port" --title "Two doors, $strategy" --artist Duo --seats 200 --json | json_field concertId)
  echo "== $strategy: 1000 buyers through two instances"
  ./ticket-rush rush --server "$servers" --concert "$concert" --users 1000 --strategy "$strategy" --pattern random --attempts 5
done
