# Buyers, seats and concerts for the figures. Sourced by bench/run; uses $SERVER, $DB, $PG*, $LOCAL (1 when bench/run
# started the server and so owns its database).

sql() { psql -qtAX -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$DB" -c "$1"; }

api() { # METHOD PATH [BODY] -> the answer's body; fails on a non-2xx answer
  local out
  out=$(curl -sS -m 120 -X "$1" -H 'Content-Type: application/json' ${ADMIN_TOKEN:+-H "Authorization: Bearer $ADMIN_TOKEN"} \
    ${3:+--data-binary "$3"} -w '\n%{http_code}' "$SERVER$2") || return 1
  local code=${out##*$'\n'}
  [ "${code:0:1}" = 2 ] || { echo "bench: $1 $2 answered $code: ${out%$'\n'*}" >&2; return 1; }
  printf '%s' "${out%$'\n'*}"
}

# setup_concert SEATS -> "concertId optionId" (the contract's setup: one option, seats A-1..A-SEATS in id order).
# On a server that is not ours each concert is noted, to be cleaned up at exit.
setup_concert() {
  local ids
  ids=$(api POST /api/concerts/setup "{\"title\":\"bench\",\"artistName\":\"bench\",\"agencyName\":\"bench\",\"concertDate\":\"2026-12-31T20:00:00\",\"seatCount\":$1}" \
    | sed -n 's/.*ConcertID=\([0-9]*\), OptionID=\([0-9]*\).*/\1 \2/p')
  [ "$LOCAL" = 1 ] || echo "${ids%% *}" >>"$WORK/concerts"
  echo "$ids"
}

# first_seat OPTION SEATS -> the id of the option's first seat; the scripts address seat first+i, so the ids must
# be consecutive (one setup is one INSERT, so they are, unless the server does otherwise: then we stop).
first_seat() {
  local range
  if [ "$LOCAL" = 1 ]; then
    range=$(sql "SELECT min(id), max(id), count(*) FROM seat WHERE concert_option_id = $1" | tr '|' ' ')
  else
    range=$(api GET "/api/concerts/options/$1/seats" | jq -r '[map(.id) | min, max, length] | join(" ")')
  fi
  set -- "$1" "$2" $range
  [ "$5" = "$2" ] && [ $(( $4 - $3 + 1 )) = "$2" ] || die "seats of option $1 are not $2 consecutive ids ($3..$4, $5 seats)"
  echo "$3"
}

# fresh_seats SEATS -> "concertId firstSeatId" of a new concert.
fresh_seats() {
  local ids
  ids=$(setup_concert "$1") && [ -n "$ids" ] || die "concert setup failed"
  set -- "$1" $ids
  echo "$2 $(first_seat "$3" "$1")"
}

# make_buyers COUNT -> the first id of COUNT buyers with consecutive ids. Locally they are inserted in SQL (the
# benchmark measures sales, not sign-ups); against another server they are created through POST /api/users by wrk.
make_buyers() {
  if [ "$LOCAL" = 1 ]; then
    sql "WITH u AS (INSERT INTO app_user (username) SELECT 'bench-' || g FROM generate_series(1, $1) g RETURNING id) SELECT min(id) FROM u"
  else
    # wrk runs 5 s at a time until enough were made (it cannot stop at a count); the ids must form one block,
    # which they do unless someone else creates users meanwhile
    local line min=0 max=0 created=0 chunks=0
    while [ "$created" -lt "$1" ]; do
      line=$(BENCH_DIR=$BENCH wrk -t2 -c32 -d5s -s "$BENCH/wrk/users.lua" "$SERVER" | grep '^RESULT') || die "could not create users through the API"
      [ "$(kv created "$line")" -gt 0 ] || die "POST /api/users created nobody ($line)"
      [ "$min" = 0 ] && min=$(kv min "$line")
      max=$(kv max "$line"); created=$(( created + $(kv created "$line") )); chunks=$(( chunks + 1 ))
    done
    [ $(( max - min + 1 )) -le $(( created + 64 * chunks )) ] || die "users created through the API are not one block of ids ($min..$max, $created created)"
    echo "$min"
  fi
}

# admit FIRST COUNT: admits buyers FIRST..FIRST+COUNT-1 for an hour, 5,000 ids a request (10,000 six-digit ids
# would be over the server's 64 KiB body limit).
admit() {
  local first=$1 last=$(( $1 + $2 - 1 )) from to
  for (( from = first; from <= last; from += 5000 )); do
    to=$(( from + 4999 < last ? from + 4999 : last ))
    api POST /api/admin/admissions "{\"userIds\":[$(seq -s, "$from" "$to")],\"ttlSeconds\":3600}" >/dev/null || die "admission failed"
  done
}

# pgbench_seats COUNT -> the first of COUNT new seats (a concert of their own, straight in SQL: pgbench's fixtures
# must not cost the server anything, and against another server this database is ours alone).
pgbench_seats() {
  sql "WITH c AS (INSERT INTO concert (title, artist_name) VALUES ('pgbench', 'bench') RETURNING id),
            o AS (INSERT INTO concert_option (concert_id, concert_date) SELECT id, '2026-12-31 20:00' FROM c RETURNING id),
            s AS (INSERT INTO seat (concert_option_id, seat_number) SELECT o.id, 'A-' || g FROM o, generate_series(1, $1) g RETURNING id)
       SELECT min(id) FROM s"
}

# pgbench_buyers COUNT -> first id of COUNT buyers in our database (locally the server's buyers serve as well).
pgbench_buyers() {
  sql "WITH u AS (INSERT INTO app_user (username) SELECT 'pgbench-' || g FROM generate_series(1, $1) g RETURNING id) SELECT min(id) FROM u"
}
