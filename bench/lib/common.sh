# Helpers every part of bench/run uses: logging, medians, ratios, tools, the machine's description.
# Sourced by bench/run; expects $BENCH (the bench folder) and $WORK (a scratch folder) to be set.

log() { printf '%s bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
# Stops the whole run, also from inside a $(...) subshell (which exit alone would not).
die() { log "FAILED: $*"; [ "$BASH_SUBSHELL" = 0 ] || kill -TERM $$; exit 1; }

# Median of the numbers on stdin (one a line); "-" when there are none, so a skipped run shows as such.
median() { { grep -E '^-?[0-9.]+$' || true; } | sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print (NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# ratio A B -> A/B with 2 decimals, "-" when either is missing or B is 0.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "-" || b == "-" || a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f", a / b}'; }

# verdict RATIO MIN -> PASS when RATIO >= MIN (a share of the reference), "-" when there is no ratio.
verdict() { awk -v r="$1" -v m="$2" 'BEGIN {if (r == "-" || r == "") print "-"; else print (r + 0 >= m + 0 ? "PASS" : "FAIL")}'; }
# below VALUE LIMIT -> PASS when VALUE < LIMIT (absolute targets: latency, start time, memory).
below() { awk -v v="$1" -v l="$2" 'BEGIN {if (v == "-" || v == "") print "-"; else print (v + 0 < l + 0 ? "PASS" : "FAIL")}'; }

round() { awk -v v="$1" -v d="${2:-0}" 'BEGIN {if (v == "-" || v == "") print "-"; else printf "%.*f", d, v}'; }

now_ms() { date +%s%3N; }

# Resident set size of a process in MB ("-" when it is gone).
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024; f=1} END {if (!f) print "-"}' "/proc/$1/status" 2>/dev/null || echo -; }

# need_tool BINARY DEBIAN_PACKAGE: installs a missing load tool once (saying so on stderr), then checks it runs.
need_tool() {
  local bin=$1 pkg=$2
  if ! command -v "$bin" >/dev/null 2>&1; then
    echo "bench: $bin missing, installing Debian package $pkg with apt-get" >&2
    { apt-get install -y -q "$pkg" || { apt-get update -q && apt-get install -y -q "$pkg"; }; } >"$WORK/apt-$pkg.log" 2>&1 \
      || die "could not install $pkg (see $WORK/apt-$pkg.log)"
  fi
  case $bin in
    wrk) [[ "$(wrk --version 2>&1 || true)" == wrk* ]] ;; # wrk --version exits 1
    pgbench) pgbench --version >/dev/null ;;
    redis-benchmark) redis-benchmark --version >/dev/null ;;
    *) "$bin" --version >/dev/null 2>&1 ;;
  esac || die "$bin is installed but does not run"
}

# The pgbench of the running PostgreSQL's major version lives in postgresql-client-NN (postgresql-contrib pulls it in).
pgbench_package() {
  local major
  major=$(psql -qtA -h "$PGHOST" -U "$PGUSER" -d postgres -c 'SHOW server_version_num' 2>/dev/null | cut -c1-2)
  if [ -n "$major" ] && apt-cache policy "postgresql-client-$major" 2>/dev/null | grep -q Candidate; then echo "postgresql-client-$major"; else echo postgresql-contrib; fi
}

# Machine description for the results file: the numbers mean nothing without it.
machine_lines() {
  local cpu mem kernel jdk pg redis
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
  mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  kernel=$(uname -r)
  jdk=$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 1p | tr -d '"')
  pg=$(psql -qtA -h "$PGHOST" -U "$PGUSER" -d postgres -c 'SHOW server_version' 2>/dev/null || echo "?")
  redis=$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" INFO server 2>/dev/null | tr -d '\r' | awk -F: '/^redis_version/ {print $2}')
  echo "- CPU: $cpu, $(nproc) cores; RAM $mem; kernel $kernel"
  echo "- JDK: $jdk ($JAVA_HOME); PostgreSQL $pg; Redis ${redis:-?}"
  echo "- wrk: $( (wrk --version 2>&1 || true) | sed -n 1p | awk '{print $2}'); $(pgbench --version); redis-benchmark $(redis-benchmark --version | awk '{print $2}')"
  echo "- load (1/5/15 min) at the start: $(cut -d' ' -f1-3 /proc/loadavg); open files per process at most $(ulimit -Hn)"
}
