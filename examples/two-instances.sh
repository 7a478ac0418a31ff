#!/usr/bin/env bash
# Two server-lite instances on one stack that neither of them owns; one swarm split across both.
# `ticket-rush stack --kafka-brokers 3` runs PostgreSQL, a fresh Redis and a 3-broker Kafka cluster in a process of its
# own, and both servers attach to its URLs: a server killed with kill -9 takes no service along (the Kafka brokers are
# the stack's children, not a server's), and the async queue would even survive the loss of one broker. The script
# ends by doing exactly that to the first instance, then rushes through the survivor.
set -euo pipefail
cd "$(dirname "$0")/.."
. examples/lib.sh
start_stack --kafka-brokers 3
echo "stack: $TICKETRUSH_DB_URL, $TICKETRUSH_REDIS_URL, kafka $TICKETRUSH_KAFKA_BOOTSTRAP"
first_port=$(free_port); second_port=$(free_port)
run_server "$first_port"; first_pid=${PIDS[-1]}
run_server "$second_port"
first="http://127.0.0.1:$first_port"; second="http://127.0.0.1:$second_port"
for strategy in optimistic pessimistic distributed async-optimistic; do
  concert=$(./ticket-rush setup --server "$first" --title "Two doors, $strategy" --artist Duo --seats 200 --json | json_field concertId)
  echo "== $strategy: 1000 buyers through two instances"
  ./ticket-rush rush --server "$first,$second" --concert "$concert" --users 1000 --strategy "$strategy" --pattern random --attempts 5
  ./ticket-rush verify --server "$second" --concert "$concert"
done
echo "== kill -9 of the first instance: the stack and its Kafka brokers stay up"
kill -9 "$first_pid"
echo "second instance: $(curl -fs "$second/health")"
concert=$(./ticket-rush setup --server "$second" --title "One door left" --artist Duo --seats 200 --json | json_field concertId)
echo "== async-pessimistic: 1000 buyers through the survivor"
./ticket-rush rush --server "$second" --concert "$concert" --users 1000 --strategy async-pessimistic --pattern random --attempts 5
./ticket-rush verify --server "$second" --concert "$concert"
