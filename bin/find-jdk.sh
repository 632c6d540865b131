#!/usr/bin/env bash
# Sourced by ./nudge and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if it is new enough, then every JDK under /usr/lib/jvm (newest first),
# then the java on PATH. Prints what to install and returns 1 when none qualifies.

nudge_java_major() { # $1 = path to a java binary; prints its feature version
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

nudge_find_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if [ -d /usr/lib/jvm ]; then
    while IFS= read -r c; do candidates+=("$c"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -Vr)
  fi
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major=$(nudge_java_major "$c/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$c"
      return 0
    fi
  done
  echo "nudge: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm and the PATH)." >&2
  echo "nudge: install one, e.g. 'apt-get install openjdk-21-jdk-headless' (Debian/Ubuntu) or Temurin 21+," >&2
  echo "nudge: or point JAVA_HOME at an existing JDK 21+ and try again." >&2
  return 1
}
