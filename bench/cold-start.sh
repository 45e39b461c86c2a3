#!/usr/bin/env bash
# Cold start to healthy, and the RSS then, of the container image's layout: the jar extracted, run
# with the image's jvm.options and environment on an empty data directory. Three ways, taken in turn
# so that the machine's drift falls on each alike:
#   reference   a reference build as its image ran it (no class data sharing)
#   tree        this tree's build the same way
#   tree+cds    this tree's build with the class data sharing archive its image trains (Dockerfile)
#
#   bench/cold-start.sh [runs] [reference-jar]     # defaults: 5 runs, no reference
#   BENCH_JAR=/path/to/statefront.jar bench/cold-start.sh 5 /tmp/main.jar
#   BENCH_REFERENCE_JVM_OPTIONS=<(git show main:src/main/docker/jvm.options) bench/cold-start.sh 5 /tmp/main.jar
# The reference runs with the tree's jvm.options unless BENCH_REFERENCE_JVM_OPTIONS names its own.
#
# Seconds are from the launch to the first 200 of /actuator/health; RSS is the JVM's (VmRSS), read
# then. The training run, as in the Dockerfile, stops once the context is refreshed.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
reference_jar="${2:-}"
tree_jar="$(realpath "${BENCH_JAR:-target/statefront.jar}")"
work="$(mktemp -d -t statefront-cold-start-XXXX)"
port=18480
trap 'pkill -9 -f -- "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# the image's layout: the jar extracted (its plain jar beside lib/), jvm.options beside it
layout() {
  local jar=$1 dir=$2 options=${3:-src/main/docker/jvm.options}
  java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
  mv "$dir/$(basename "$jar")" "$dir/statefront.jar"
  cat "$options" >"$dir/jvm.options"
}

# the environment the Dockerfile sets, and ports of our own; replaces the (sub)shell it runs in
run_app() {
  local dir=$1 data=$2; shift 2
  cd "$dir"
  STATEFRONT_SIMULATOR_ENABLED=false LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
    exec java @jvm.options "$@" -jar statefront.jar --server.port=$port --statefront.data-dir="$data" \
      --statefront.kafka.embedded.port=$((port + 1)) --statefront.kafka.embedded.controller-port=$((port + 2))
}

layout "$tree_jar" "$work/tree"
echo "Training the tree's class data sharing archive, as the Dockerfile does ..."
(run_app "$work/tree" "$work/training" -XX:ArchiveClassesAtExit=statefront.jsa -Xlog:cds=off -Dspring.context.exit=onRefresh \
  >"$work/training.log" 2>&1)
rm -rf "$work/training"
kinds=(tree tree+cds)
if [[ -n $reference_jar ]]; then
  layout "$(realpath "$reference_jar")" "$work/reference" "${BENCH_REFERENCE_JVM_OPTIONS:-}"
  kinds=(reference "${kinds[@]}")
fi

start_once() {
  local kind=$1 dir="$work/${1%+cds}" data="$work/data-$RANDOM" extra=()
  [[ $kind == *+cds ]] && extra=(-XX:SharedArchiveFile=statefront.jsa)
  local launched
  launched=$(date +%s.%N)
  run_app "$dir" "$data" "${extra[@]}" >"$work/$kind.log" 2>&1 &
  local pid=$!
  until curl -fs -o /dev/null "http://localhost:$port/actuator/health"; do
    kill -0 $pid 2>/dev/null || { echo "$kind exited; see its log:" >&2; tail -20 "$work/$kind.log" >&2; exit 1; }
    sleep 0.1
  done
  local seconds rss
  seconds=$(echo "$(date +%s.%N) - $launched" | bc)
  rss=$(awk '/^VmRSS:/ {print int($2 / 1024)}' /proc/$pid/status)
  pkill -9 -P $pid >/dev/null 2>&1 || true
  kill -9 $pid
  wait $pid 2>/dev/null || true
  rm -rf "$data"
  printf '%s %.1f %d\n' "$kind" "$seconds" "$rss"
}

echo "| run | build | cold start to healthy, s | RSS after start, MiB |"
echo "|---|---|---|---|"
for ((run = 1; run <= runs; run++)); do
  for kind in "${kinds[@]}"; do
    read -r k s r < <(start_once "$kind")
    echo "| $run | $k | $s | $r |"
    echo "$k $s $r" >>"$work/results"
  done
done
echo
echo "| build | median cold start, s | median RSS, MiB |"
echo "|---|---|---|"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for kind in "${kinds[@]}"; do
  seconds=$(awk -v k="$kind" '$1 == k { print $2 }' "$work/results" | median)
  rss=$(awk -v k="$kind" '$1 == k { print $3 }' "$work/results" | median)
  echo "| $kind | $seconds | $rss |"
done
echo
reference_options="the tree's jvm.options"
[[ -n ${BENCH_REFERENCE_JVM_OPTIONS:-} ]] && reference_options="its own jvm.options"
echo "tree: $tree_jar${reference_jar:+; reference: $reference_jar with $reference_options}; $(date -u '+%F %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
