#!/usr/bin/env bash
# The checkout stress test of the TU Delft WDM benchmark (github.com/delftdata/wdm-project-benchmark,
# stress-test/), run headless with Debian's Locust against the packaged application as shipped,
# except that the API takes requests without credentials, as that benchmark sends none.
#
#   bench/wdm-locust.sh <clone of wdm-project-benchmark> [users] [seconds] [spawn-rate]
#
# Needs: apt-get install python3-locust python3-aiohttp (init_orders.py, which the locustfile
# imports, uses aiohttp). Each Locust user checks out a random order of the 100,000 its
# init_orders.py made, then waits one second: the offered rate is about the number of users. The
# orders are picked with replacement, so many checkouts are of orders already paid: those answer
# 409 here by design (and count as failures in Locust's table).
set -euo pipefail
cd "$(dirname "$0")/.."
wdm="${1:?usage: bench/wdm-locust.sh <clone of wdm-project-benchmark> [users] [seconds] [spawn-rate]}"
users="${2:-500}"
seconds="${3:-120}"
spawn="${4:-50}"
jar="${BENCH_JAR:-target/statefront.jar}"
work="$(mktemp -d -t statefront-wdm-XXXX)"
# Debian's Python, which has the packages above (a python3 of pyenv's or a venv's earlier on the
# PATH may lack them)
py="$(command -v /usr/bin/python3 || command -v python3)"
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }
port="$(free_port)"

cp -r "$wdm/stress-test" "$work/stress-test"
printf '{"ORDER_URL": "http://localhost:%s", "PAYMENT_URL": "http://localhost:%s", "STOCK_URL": "http://localhost:%s"}\n' \
  "$port" "$port" "$port" > "$work/urls.json"

java -jar "$jar" --server.port="$port" --statefront.data-dir="$work/data" \
  --statefront.security.api-without-credentials=true --statefront.kafka.embedded.port="$(free_port)" \
  --statefront.kafka.embedded.controller-port="$(free_port)" --logging.level.root=WARN ${BENCH_APP_ARGS:-} \
  > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
until curl -sf "localhost:$port/actuator/health" > /dev/null; do
  kill -0 $app 2>/dev/null || { echo "the application exited; see $work/app.log"; exit 1; }
  sleep 1
done
echo "Application up on port $port (data and log in $work)"

cd "$work/stress-test"
"$py" init_orders.py
# Locust exits 1 when any request failed, as the 409s of paid orders do: the figures follow anyway
locust -f locustfile.py --headless --host "http://localhost:$port" -u "$users" -r "$spawn" -t "${seconds}s" --csv "$work/wdm" --only-summary \
  2>&1 | tail -n 25 || true
echo
echo "Requests/s and median (ms) over the run, from $work/wdm_stats.csv:"
"$py" - "$work/wdm_stats.csv" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    if row["Name"] == "Aggregated":
        print(f'requests {row["Request Count"]}, failures {row["Failure Count"]}, '
              f'{float(row["Requests/s"]):.1f} requests/s, median {row["Median Response Time"]} ms, '
              f'p99 {row["99%"]} ms')
PY
