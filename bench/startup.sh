#!/usr/bin/env bash
# Time from the start command to /health 200, as a person would see it. Usage: bench/startup.sh [runs] [extra flags]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; shift || true
jar=local/target/ticketing-local.jar
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
port=3190
for i in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  start=$(date +%s%N)
  java -jar "$jar" --port $port --dynamodb-port 8190 --sqs-port 9390 --data-dir "$data" "$@" > "$data/out.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" > /dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { cat "$data/out.log"; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  echo "run $i: /health 200 after $(( (end - start) / 1000000 )) ms (fresh data folder, demo event seeded)"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$data"
done
