#!/usr/bin/env bash
# The whole benchmark suite in one command (docs/BENCHMARKS.md, "The suite"):
#   bench/suite.sh [--sizes 10000,100000] [--repeats 1] [--out bench-results/suite] [--skip PART,...]
#                  [--per-segment-up-to 100000]
#
# Runs, one after the other on this machine, and records every headline figure in
# OUT/suite-results.csv (dev.nudge.bench.suite.SuiteResults):
#   macro     the 20 segments over stored history by DuckDB, PostgreSQL (started and stopped here) and
#             Nudge at each size, engines checked to agree; loads; one more event vs re-running SQL
#             (Nudge's 20 one-segment replays are timed up to --per-segment-up-to profiles; above,
#             Nudge computes the 20 as one catalog sweep only, its members still checked);
#             then, on Nudge's store as loaded at that size (--at-size): the writer's per-event cost
#             with cold profiles and STATE bytes per profile, event -> durable transition p50/p99 at
#             10,000 events/s, lateness of 10,000 timers due over 10 s
#   ingest    durable /v1/batch throughput from a client process against `nudge serve`, at each size
#             (profiles the events are spread over), beside a tokenize-only endpoint
#   engine    pure engine per-event cost at each size, and encoded state per profile
#   sending   rendered, tracked messages/s from a real server into a local SMTP sink, at each size: a
#             broadcast of min(size, 20,000) messages to a segment of that many stored profiles
# then prints the DESIGN.md §14 table (OUT/suite-summary.md, .csv) and draws OUT/incremental-vs-size.png
# beside the macro harness's OUT/macro/cost-vs-size.png. The store, latency and timer benchmarks also
# run alone on a fresh store: bench/engine.sh store|latency|timers.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/find-jdk.sh
nudge_find_jdk
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"

sizes=10000,100000
repeats=1
out=bench-results/suite
skip=","
per_segment=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --skip) skip=",$2,"; shift 2 ;;
    --per-segment-up-to) per_segment="$2"; shift 2 ;;
    -h|--help) sed -n 2,21p "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "suite.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for part in ${skip//,/ }; do
  case "$part" in macro|ingest|engine|sending) ;; *) echo "suite.sh: unknown part '$part' in --skip; the parts are macro, ingest, engine, sending" >&2; exit 2 ;; esac
done

mkdir -p "$out"
results="$(cd "$out" && pwd)/suite-results.csv"
rm -f "$results"
export NUDGE_BENCH_RESULTS="$results" SKIP_BUILD=1
log="$out/suite.log"
: > "$log"

./mvnw -B -q -ntp -pl nudge-bench -am package -DskipTests

started=$(date +%s)
failed=()
part() { # part NAME COMMAND...: runs one part, its output on the terminal and in the log; a failure is reported, not fatal
  local name="$1"; shift
  if [[ "$skip" == *",$name,"* ]]; then echo "== $name: skipped (--skip)" | tee -a "$log"; return; fi
  local t0; t0=$(date +%s)
  echo "== $name: $*" | tee -a "$log"
  if "$@" 2>&1 | tee -a "$log"; then
    echo "== $name: done in $(( $(date +%s) - t0 )) s" | tee -a "$log"
  else
    echo "== $name: FAILED after $(( $(date +%s) - t0 )) s (see $log)" | tee -a "$log"
    failed+=("$name")
  fi
}

part macro bench/run.sh --sizes "$sizes" --repeats "$repeats" --out "$out/macro" --at-size --per-segment-up-to "$per_segment"
for n in ${sizes//,/ }; do
  part ingest bench/ingest.sh --events 300000 --batch 500 --concurrency 8 --profiles "$n"
done
part engine bench/engine.sh scaling --sizes "$sizes"
for n in ${sizes//,/ }; do
  part sending "$JAVA_HOME/bin/java" -Xmx2g "-Dnudge.bench.results=$results" --enable-native-access=ALL-UNNAMED \
    -cp "nudge-bench/target/classes:nudge-bench/target/lib/*" dev.nudge.bench.mail.MailSendBenchmark $(( n < 20000 ? n : 20000 )) 8 smtp-only "$n"
done

echo | tee -a "$log"
echo "suite finished in $(( $(date +%s) - started )) s on $(nproc) cores ($(date -u +%FT%TZ)); sizes $sizes" | tee -a "$log"
"$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp "nudge-bench/target/classes:nudge-bench/target/lib/*" \
  dev.nudge.bench.suite.SuiteReport "$results" "$out" | tee -a "$log"
if [ ${#failed[@]} -gt 0 ]; then
  echo "suite.sh: these parts failed: ${failed[*]} (their bars read 'not measured'; see $log)" >&2
  exit 1
fi
