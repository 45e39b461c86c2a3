#!/usr/bin/env bash
# One and two instances in the scale-out layout (docs/operations.md, "Scaling out"), measured
# through the balancer: the processes ScaleOutIT starts (io.statefront.support.ScaleOutLayout: S3Mock,
# a standalone Flink cluster, three Kafka brokers, the packaged jar once or twice, Debian's HAProxy on
# compose/haproxy/haproxy.cfg), started afresh for each count, then bench/Benchmark.java against the
# balancer, counting the CPU of each role's processes. Needs haproxy; 8-10 minutes per count on 2
# cores (3-4 of them to start the layout), where the layout saturates near 100-115 ledger ops/s.
# No simulated traffic (as the image and the compose stack ship).
#
#   bench/scale-out.sh [workload] [seconds-per-step] [rates] [instance counts]
#   bench/scale-out.sh ledger 20 100,200,400 "1 2 2 1"      # the defaults: two back-to-back pairs
#
# SKIP_BUILD=1 reuses target/; STATEFRONT_LAYOUT_APP_JVM sets the instances' JVM options (-Xmx768m);
# BENCH_WARM_UP_RATES / BENCH_WARM_UP_SECONDS the warm-up (100,200 for 20 s each); the results and
# every process's log stay in the printed work directory.
set -euo pipefail
cd "$(dirname "$0")/.."
workload="${1:-ledger}"
seconds="${2:-20}"
rates="${3:-100,200,400}"
counts="${4:-1 2 2 1}"
command -v haproxy >/dev/null || { echo "Needs Debian's haproxy (apt-get install haproxy)" >&2; exit 1; }

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "Building (the jar, the test classes, the S3 plugin and S3Mock) ..."
  ./mvnw -q -o package -DskipTests
fi
./mvnw -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/scale-out-classpath.txt >/dev/null
classpath="target/test-classes:target/classes:$(cat target/scale-out-classpath.txt)"
build="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo '+changes')"

layout=""
pids=""
stop_layout() {
  if [ -n "$layout" ]; then
    kill "$layout" 2>/dev/null || true
    wait "$layout" 2>/dev/null || true
    # should the launcher have died without its shutdown hook: its processes, by their ids
    for pid in $(echo "$pids" | tr ' ,=' '\n\n\n' | grep -E '^[0-9]+$' || true); do
      kill "$pid" 2>/dev/null || true
    done
    layout=""
    pids=""
  fi
}
trap stop_layout EXIT

for count in $counts; do
  work="$(mktemp -d -t statefront-scale-out-XXXX)"
  echo
  echo "== $workload, $count instance(s), build $build, $(date -u '+%Y-%m-%d %H:%M UTC'); work directory $work"
  java -Dstatefront.jar="$PWD/target/statefront.jar" -cp "$classpath" io.statefront.support.ScaleOutLayout \
    "$count" "$work" --statefront.simulator.enabled=false >"$work/layout.out" 2>&1 &
  layout=$!
  for _ in $(seq 1 600); do
    grep -q '^ready$' "$work/layout.out" && break
    kill -0 "$layout" 2>/dev/null || { echo "The layout did not start; see $work/layout.out and $work/logs" >&2; exit 1; }
    sleep 1
  done
  grep -q '^ready$' "$work/layout.out" || { echo "The layout was not up within 10 minutes; see $work/logs" >&2; exit 1; }
  url="$(sed -n 's/^balancer //p' "$work/layout.out")"
  pids="$(sed -n 's/^pids //p' "$work/layout.out")"
  echo "up: $url, processes $pids; load before: $(uptime)"
  BENCH_TARGET_URL="$url" BENCH_CPU_PIDS="$pids" BENCH_SHOP_SIZE="${BENCH_SHOP_SIZE:-20000}" \
    BENCH_WARM_UP_RATES="${BENCH_WARM_UP_RATES:-100,200}" BENCH_WARM_UP_SECONDS="${BENCH_WARM_UP_SECONDS:-20}" \
    java bench/Benchmark.java "$workload" "$seconds" "$rates" | tee "$work/bench.txt"
  echo "load after: $(uptime)"
  stop_layout
done
