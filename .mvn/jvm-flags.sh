# Sourced by ./ticket-rush and bench/lib/server.sh: the JVM flags a server runs with, chosen by measurement (bench/run's
# "RSS after the rushes"; the Dockerfile's ENTRYPOINT repeats them). Measured on 2 cores, 24 GB: with the JVM's
# defaults a server sat at 465 MB RSS after two 8,000-buyer rushes (G1 sizes its heap from the machine's memory and
# keeps it); with these, 276 MB, the same requests/s.
#   -Xmx1g                        a bound: a server's live heap is ~60 MB and each idle event stream adds ~10 KB; the
#                                 stream limit follows the heap (16 KB a stream): 1 GB holds 53,248 streams, 512 MB 20,480
#   -XX:G1PeriodicGCInterval=3000 once idle for 3 s, G1 collects and gives back what it no longer needs...
#   -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20   ...keeping 10-20 % free rather than 40-70 %
#   -XX:G1NewSizePercent=30       (experimental, hence the unlock) a young generation of at least 30% of the heap,
#                                 not 5%: with 50,000 streams each wake-up rewrites a parked stack, and a small young
#                                 generation collected every second and marked the old one without pause; with it the
#                                 server used 127-133 s of CPU in the bench's stream section against 146-154 s, the
#                                 same frames, the same RSS with 50,000 streams (816-822 MB) and after the rushes (277 MB)
#   MALLOC_ARENA_MAX=2            glibc's per-thread malloc arenas otherwise hold tens of MB across Netty/Kafka threads
# Class data sharing: the first run leaves the classes it loaded in an archive beside the jar, later runs map it
# instead of loading and verifying them again (the archive of a rebuilt jar is removed here: the JVM would not renew
# it, and ran without one). One archive per command (JAR-COMMAND.jsa; JAR.jsa without one): the JVM never adds to an
# archive, so a `--help` run first had left `server --embedded` a tenth of its classes for good (9.7-9.8 s against
# 8.2-8.3 s to healthy on 2 cores).
# tr_jvm_flags JAR [COMMAND] -> the flags, one per word. The heap bounds are for what serves (server, demo, stack, or
# no command: a server jar); a rush of 100,000 buyers keeps each one's state and keeps the JVM's own sizing.
# TICKETRUSH_JAVA_OPTS (word-split) is added last, so it overrides.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
tr_jvm_flags() {
  local heap=""
  case ${2:-server} in
    server|demo|stack) heap="-XX:+UseG1GC -Xmx1g -XX:G1PeriodicGCInterval=3000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:+UnlockExperimentalVMOptions -XX:G1NewSizePercent=30" ;;
  esac
  local archive=${1%.jar}.jsa
  case ${2:-} in [a-z]*) archive=${1%.jar}-$2.jsa ;; esac
  # the JVM does not renew the archive of a rebuilt jar (it runs on without one, every time): the next run writes a new one
  if [ -f "$archive" ] && [ "$archive" -ot "$1" ]; then rm -f "$archive"; fi
  echo "$heap -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$archive -Xlog:cds*=off ${TICKETRUSH_JAVA_OPTS:-}"
}
