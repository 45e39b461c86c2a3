#!/usr/bin/env bash
# What the simulator costs: the packaged application as shipped (default settings, simulator on at
# its default rate), idle otherwise; its CPU per thread for SECONDS with the simulator on, then
# switched off through the API for as long. Run it for two builds back to back (JAR, REFERENCE_JAR)
# to compare: the difference "on - off" is the simulator's cost, the "off" figure the idle cost.
#
#   ./mvnw -q package -DskipTests && bench/simulator-cost.sh [jar] [seconds] [settle-seconds]
#   TOP=40 bench/simulator-cost.sh ...   # how many thread groups to list (15 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${1:-target/statefront.jar}"
seconds="${2:-60}"
settle="${3:-60}"
work="$(mktemp -d -t statefront-simulator-cost-XXXX)"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
java -jar "$jar" --server.port="$port" --statefront.data-dir="$work/data" \
  --statefront.kafka.embedded.port=0 --statefront.kafka.embedded.controller-port=0 \
  --statefront.influx.managed.port=0 --statefront.security.api-password=bench \
  --statefront.console.admin-password=bench --logging.level.root=WARN > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf "localhost:$port/actuator/health" > /dev/null; do
  kill -0 $app 2>/dev/null || { echo "the application stopped; see $work/app.log"; exit 1; }
  sleep 2
done
echo "Healthy; letting the JIT settle for ${settle} s ..."
sleep "$settle"
echo "== simulator on (its default rate)"
/usr/bin/python3 bench/thread-cpu.py $app "$seconds" ${TOP:-15}
curl -sf -u api:bench -X PUT -H 'Content-Type: application/json' \
  -d '{"running":false,"eventsPerSecond":200}' "localhost:$port/analytics/simulator" > /dev/null
sleep 15
echo "== simulator off"
/usr/bin/python3 bench/thread-cpu.py $app "$seconds" ${TOP:-15}
