#!/usr/bin/env bash
# The macro benchmark in one command (docs/BENCHMARKS.md):
#   bench/run.sh [--sizes 10000,100000,1000000] [--engines duckdb,postgres] [--repeats 3] ...
# Builds nudge-bench, starts a throwaway PostgreSQL (bench/postgres.sh; installed from the Debian
# package if missing) unless --engines leaves it out, runs the harness, and stops PostgreSQL again.
# Results: bench-results/ (table on stdout, sql-baselines*.csv, cost-vs-size.png).
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/find-jdk.sh
nudge_find_jdk
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q -ntp -pl nudge-bench -am package -DskipTests
fi

PG_STARTED=0
if [[ " $* " != *" --engines "* ]] || [[ "$*" == *postgres* ]]; then
  if [[ "$*" != *--postgres-url* ]] && [[ "$*" != *--report-only* ]] && [[ "$*" != *--help* ]]; then
    bench/postgres.sh start >/dev/null
    PG_STARTED=1
  fi
fi
cleanup() { if [ "$PG_STARTED" = 1 ]; then bench/postgres.sh stop; fi; }
trap cleanup EXIT

"$JAVA_HOME/bin/java" -Xmx${NUDGE_BENCH_HEAP:-6g} ${NUDGE_BENCH_RESULTS:+-Dnudge.bench.results=$NUDGE_BENCH_RESULTS} -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED \
  -cp "nudge-bench/target/classes:nudge-bench/target/lib/*" dev.nudge.bench.macro.BenchMain "$@"
