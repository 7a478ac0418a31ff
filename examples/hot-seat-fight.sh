#!/usr/bin/env bash
# A hot-seat fight per strategy: 2000 buyers want the front row of a 100-seat hall, once per lock strategy.
# Starts its own embedded server unless SERVER is set.
set -euo pipefail
cd "$(dirname "$0")/.."
. examples/lib.sh
start_server_unless_given
for strategy in optimistic pessimistic distributed; do
  concert=$(./ticket-rush setup --server "$SERVER" --title "Front row, $strategy" --artist "Hot Seats" --seats 100 --json | json_field concertId)
  echo "== $strategy: 2000 buyers, 100 seats, everyone wants the first seats"
  ./ticket-rush rush --server "$SERVER" --concert "$concert" --users 2000 --strategy "$strategy" --pattern hot
  ./ticket-rush verify --server "$SERVER" --concert "$concert"
done
