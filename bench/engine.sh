#!/usr/bin/env bash
# Segment-engine benchmarks (docs/benchmarks-engine.md). First argument picks one:
#   scaling   per-event cost of the pure engine at 10k/100k/1M profiles + encoded state size
#   store     per-event cost through IngestWriter + SegmentRuntime over RocksDB + STATE space per profile
#   latency   p50/p99 event -> durable transition at a steady 10,000 events/s
#   timers    timer lateness (firing - due) of 10,000 real-clock timers
#   jmh       JMH microbenchmarks of the hot paths (extra arguments go to JMH, e.g. -wi 2 -i 3 -f 1)
# Remaining arguments go to the benchmark (e.g. --sizes 10000,100000). Set SKIP_BUILD=1 to reuse a build,
# JAVA_OPTS to change the heap (default -Xmx6g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/find-jdk.sh"; nudge_find_jdk
cd "$root"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
which="${1:?usage: bench/engine.sh scaling|store|latency|timers|jmh [args...]}"; shift
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # package (not install; compiles the JMH classes under src/test too): runs from target/ and target/lib, ~/.m2 is left alone
  ./mvnw -B -q -ntp -pl nudge-bench -am package -DskipTests >&2
fi
cp="nudge-bench/target/test-classes:nudge-bench/target/classes:nudge-bench/target/lib/*"
java=("$JAVA_HOME/bin/java" ${JAVA_OPTS:--Xmx6g} ${NUDGE_BENCH_RESULTS:+-Dnudge.bench.results=$NUDGE_BENCH_RESULTS} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -cp "$cp")
case "$which" in
  scaling) exec "${java[@]}" dev.nudge.bench.engine.EngineScaling "$@" ;;
  store)   exec "${java[@]}" dev.nudge.bench.engine.StoreScaling "$@" ;;
  latency) exec "${java[@]}" dev.nudge.bench.engine.TransitionLatency "$@" ;;
  timers)  exec "${java[@]}" dev.nudge.bench.engine.TimerLateness "$@" ;;
  jmh)     exec "${java[@]}" org.openjdk.jmh.Main 'dev.nudge.bench.jmh.*' "$@" ;;
  *) echo "unknown benchmark '$which'; use scaling, store, latency, timers or jmh" >&2; exit 2 ;;
esac
