#!/usr/bin/env bash
# Durable ingest benchmark: /v1/batch from a client process against a separate `nudge serve`,
# beside the same client against a tokenize-only endpoint. Arguments go to IngestBenchmark
# (--events N --batch N --concurrency N --profiles N).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/find-jdk.sh"; nudge_find_jdk
cd "$root"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q -ntp -pl nudge-bench -am package -DskipTests >&2
fi
exec "$JAVA_HOME/bin/java" -Xmx2g ${NUDGE_BENCH_RESULTS:+-Dnudge.bench.results=$NUDGE_BENCH_RESULTS} -cp "nudge-bench/target/classes:nudge-bench/target/lib/*" \
  dev.nudge.bench.ingest.IngestBenchmark "$@"
