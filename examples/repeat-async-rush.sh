#!/usr/bin/env bash
# The same async rush through the waiting room, again and again against one server: every run must PASS with every
# seat sold and every buyer accounted for. RUNS=20 USERS=1500 SEATS=100 SEED=42 by default.
# Starts its own embedded server unless SERVER is set.
set -euo pipefail
cd "$(dirname "$0")/.."
. examples/lib.sh
RUNS=${RUNS:-20}; USERS=${USERS:-1500}; SEATS=${SEATS:-100}; SEED=${SEED:-42}
start_server_unless_given
passed=0
for run in $(seq 1 "$RUNS"); do
  concert=$(./ticket-rush setup --server "$SERVER" --title "Again $run" --artist "The Repeats" --seats "$SEATS" --json | json_field concertId)
  if ./ticket-rush rush --server "$SERVER" --concert "$concert" --users "$USERS" --via-queue --queue-capacity "$USERS" --admit-rate 500/s \
      --strategy async-optimistic --seed "$SEED" --quiet --json >"$LOG_DIR/run.json"; then verdict=PASS; passed=$((passed + 1)); else verdict=FAIL; fi
  python3 - "$LOG_DIR/run.json" "$run" "$verdict" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); b = d["buyers"]; r = d["requests"]
print(f"run {sys.argv[2]:>2}: {sys.argv[3]}  sold {b['sold']}/{d['plan']['seats']}  without seat {b['withoutSeat']}  errored {b['errored']}"
      f"  requests {r['total']}  errors {r['errors']}  settled {r['unknownSettled']}  {d['durationMs'] / 1000:.1f} s"
      + ("" if d["check"]["passed"] else "  violations: " + "; ".join(d["check"]["violations"][:3])))
PY
done
echo "$passed of $RUNS runs passed"
[ "$passed" -eq "$RUNS" ]
