# Sourced by ./mvnw, ./ticket-rush and .ci/run: points JAVA_HOME at a JDK 21+ (JAVA_HOME if it is one, else the newest under /usr/lib/jvm).
_tr_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1; }
_tr_ok() { [ -x "$1/bin/javac" ] && v="$(_tr_feature "$1")" && [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null; }
if [ -z "${JAVA_HOME:-}" ] || ! _tr_ok "$JAVA_HOME"; then
  case $- in *f*) _tr_noglob=1; set +f ;; *) _tr_noglob= ;; esac
  _tr_found=""; _tr_best=0
  for _tr_jdk in /usr/lib/jvm/*/; do
    _tr_jdk="${_tr_jdk%/}"
    if _tr_ok "$_tr_jdk" && [ "$v" -gt "$_tr_best" ]; then _tr_found="$_tr_jdk"; _tr_best="$v"; fi
  done
  [ -n "$_tr_noglob" ] && set -f
  if [ -z "$_tr_found" ]; then
    echo "ticket-rush: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, none under /usr/lib/jvm). Install one, e.g. Temurin 21+, and set JAVA_HOME." >&2
    exit 2
  fi
  export JAVA_HOME="$_tr_found"
fi
export PATH="$JAVA_HOME/bin:$PATH"
