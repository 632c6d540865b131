#!/usr/bin/env bash
# Sourced by bin/nudge: exports JAVA_HOME pointing at a Java runtime >= 21 (a JRE is enough).
# Order: $JAVA_HOME if it is new enough, then every runtime under the folders of $NUDGE_JVM_DIRS
# (colon-separated; default /usr/lib/jvm, where Debian/Ubuntu/Fedora packages install), newest
# first, then the java on the PATH. Prints what to install and returns 1 when none qualifies.
# (The same search as the source tree's bin/find-jdk.sh, which also needs javac to build.)

nudge_java_major() { # $1 = path to a java binary; prints its feature version (8 for 1.8)
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  case "$v" in 1.*) v=${v#1.} ;; esac
  echo "${v%%.*}"
}

nudge_find_java() {
  local candidates=() dirs=() c major dir seen=""
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  IFS=':' read -r -a dirs <<< "${NUDGE_JVM_DIRS:-/usr/lib/jvm}"
  for dir in "${dirs[@]}"; do
    [ -d "$dir" ] || continue
    while IFS= read -r c; do candidates+=("$c"); done < <(ls -d "$dir"/*/ 2>/dev/null | sed 's:/$::' | sort -Vr)
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] || continue
    case "$seen" in *" $c (Java"*) continue ;; esac # the same runtime reached twice (JAVA_HOME and PATH)
    major=$(nudge_java_major "$c/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$c"
      return 0
    fi
    seen="$seen $c (Java ${major:-?})"
  done
  echo "nudge: no Java 21 or newer found (looked at \$JAVA_HOME, ${NUDGE_JVM_DIRS:-/usr/lib/jvm} and the PATH)." >&2
  [ -n "$seen" ] && echo "nudge: too old:$seen" >&2
  echo "nudge: install one, e.g. 'apt-get install openjdk-21-jre-headless' (Debian/Ubuntu) or Temurin 21+," >&2
  echo "nudge: or point JAVA_HOME at an existing Java 21+ and try again." >&2
  return 1
}
