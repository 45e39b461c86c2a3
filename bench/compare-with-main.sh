#!/usr/bin/env bash
# The regression guard: the working tree's build against main's, on the ledger and checkout
# workloads, back to back on this machine; prints each figure and the ratio tree / main.
# About 5-6 minutes on 2 cores. Run it before a stop that touches a hot path.
# Its 10 s of warm-up leave C2 compiling for minutes on 2 cores: a build can read half its
# capacity at twice the CPU per op (docs/benchmarks.md, "The ledger benchmark's two modes").
# When one side's CPU per op is about double, run it again before calling it a regression.
#
#   bench/compare-with-main.sh [seconds-per-workload] [reference-ref]   # defaults: 15, main
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
reference="${2:-main}"
work="$(mktemp -d -t statefront-compare-XXXX)"
trap 'git worktree remove --force "$work/reference" >/dev/null 2>&1 || true' EXIT

echo "Building the working tree ..."
./mvnw -q -o package -DskipTests
cp target/statefront.jar "$work/tree.jar"

echo "Building $reference ($(git rev-parse --short "$reference")) ..."
git worktree add --detach "$work/reference" "$reference" >/dev/null
(cd "$work/reference" && ./mvnw -q -o package -DskipTests)
cp "$work/reference/target/statefront.jar" "$work/$reference.jar"

BENCH_JAR="$work/tree.jar" BENCH_REFERENCE_JAR="$work/$reference.jar" \
BENCH_SHOP_SIZE="${BENCH_SHOP_SIZE:-20000}" BENCH_WARM_UP_SECONDS="${BENCH_WARM_UP_SECONDS:-10}" \
  java bench/Benchmark.java compare "$seconds"
