#!/usr/bin/env bash
# Trials per second through RabbitMQ with a no-op trainer, beside the raw MassTransit round trip on the
# same broker in the same run (the ceiling). Starts a private RabbitMQ node, a host process and 1 or 4
# worker processes, and submits studies with `hyperbus submit --wait --json`.
#   bash bench/bus-throughput.sh [trials=5000] [parallelism=200]
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-5000}
parallelism=${2:-200}
out=$(mktemp -d /tmp/hyperbus-bench.XXXXXX)
dotnet build src/HyperBus.Cli -c Release -nologo -v q >/dev/null
dotnet build bench/HyperBus.Bench.Bus -c Release -nologo -v q >/dev/null
hb="dotnet src/HyperBus.Cli/bin/Release/net10.0/hyperbus.dll"
source tests/rabbitmq-node.sh
rabbit_start >/dev/null
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rabbit_stop; rm -rf "$out"; }
trap cleanup EXIT

vhost() { HOME="$HYPERBUS_TEST_RABBITMQ_HOME" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$HYPERBUS_TEST_RABBITMQ_NODE" add_vhost "$1";
          HOME="$HYPERBUS_TEST_RABBITMQ_HOME" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$HYPERBUS_TEST_RABBITMQ_NODE" set_permissions -p "$1" guest '.*' '.*' '.*';
          echo "${HYPERBUS_TEST_RABBITMQ}$1"; }

raw_url=$(vhost raw)
raw=$(dotnet bench/HyperBus.Bench.Bus/bin/Release/net10.0/HyperBus.Bench.Bus.dll "$raw_url" "$trials" "$parallelism")
raw_rate=$(echo "$raw" | sed -E 's/.*"perSecond":([0-9]+).*/\1/')

cat >"$out/noop.yaml" <<SPEC
study: noop-throughput
trials: $trials
parallelism: $parallelism
trainer: noop
space: { x: { type: float, low: 0, high: 1 } }
SPEC

# Runs in this shell (not a $(...) subshell) so the processes it starts are stopped before the next run.
run_trials() {
  local workers=$1 url
  url=$(vhost "trials$workers")
  pids=()
  $hb host --transport rabbitmq --rabbitmq "$url" --storage "$out/host$workers.db" >"$out/host$workers.log" 2>&1 & pids+=($!)
  for i in $(seq 1 "$workers"); do
    $hb worker --transport rabbitmq --rabbitmq "$url" --trainer noop --concurrency $((parallelism / workers)) >"$out/w$workers-$i.log" 2>&1 & pids+=($!)
  done
  sleep 8
  $hb submit "$out/noop.yaml" --transport rabbitmq --rabbitmq "$url" --wait --json >"$out/summary$workers.json"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
}

run_trials 1
run_trials 4
one=$(cat "$out/summary1.json")
four=$(cat "$out/summary4.json")
rate() { echo "$1" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(round(d["trials"]["completed"]/d["durationSeconds"]))'; }
r1=$(rate "$one"); r4=$(rate "$four")
echo "| raw MassTransit round trip (send + publish, window $parallelism) | $raw_rate/s | 1.00 |"
echo "| HyperBus trials, 1 worker process (concurrency $parallelism) | $r1/s | $(/usr/bin/python3 -c "print(f'{$r1/$raw_rate:.2f}')") |"
echo "| HyperBus trials, 4 worker processes (concurrency $((parallelism / 4)) each) | $r4/s | $(/usr/bin/python3 -c "print(f'{$r4/$raw_rate:.2f}')") |"
