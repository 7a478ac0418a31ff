#!/usr/bin/env bash
# A fault drill, as a user rehearses one: a stack whose services can be taken away (`stack --faults`, 3 Kafka brokers),
# two servers that accept the crash fault (`--allow-faults`), and async rushes that lose, in turn, an instance, Redis,
# PostgreSQL and a Kafka broker partway through. Each rush ends with the independent check and exits non-zero if a seat
# was sold twice, a buyer is unaccounted for or an accepted request never settled; `verify` checks again afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
. examples/lib.sh
start_stack --kafka-brokers 3 --faults
echo "stack: $TICKETRUSH_DB_URL, $TICKETRUSH_REDIS_URL, kafka $TICKETRUSH_KAFKA_BOOTSTRAP, faults $TICKETRUSH_FAULTS_URL"
first_port=$(free_port); second_port=$(free_port)
run_server "$first_port" --allow-faults
run_server "$second_port" --allow-faults
first="http://127.0.0.1:$first_port"; second="http://127.0.0.1:$second_port"

drill() {  # drill SERVERS CHAOS: 1500 async buyers arriving at 300/s for 300 seats, with the fault at 30%
  local servers=$1 chaos=$2 concert
  concert=$(./ticket-rush setup --server "${servers%%,*}" --title "Drill: $chaos" --artist "Chaos Crew" --seats 300 --json | json_field concertId)
  echo "== $chaos"
  ./ticket-rush rush --server "$servers" --concert "$concert" --users 1500 --strategy async-optimistic --pattern random \
    --attempts 5 --arrival ramp:300/s --chaos "$chaos"
  ./ticket-rush verify --server "${servers%%,*}" --concert "$concert"
}
drill "$first,$second" redis@30%+5s
drill "$first,$second" postgres@30%+5s
drill "$first,$second" kafka@30%+5s
drill "$first,$second" kill-instance@30%
