#!/usr/bin/env bash
# Orchestration overhead: N trials that each take S seconds, P in flight, through RabbitMQ with a C# worker
# (`hyperbus worker`, trainer noop with `seconds`) and a Python worker (trainer conformance with
# `sleepSeconds`), against the ideal wall time N * S / P; Optuna 3.1's study.optimize with n_jobs=P on the
# same objective beside them, in the same run. The host is warmed by a short study first, as a service is.
#   bash bench/overhead.sh [trials=1000] [seconds=0.2] [parallelism=16]
# HYPERBUS_BENCH_PYTHON_BASELINE=DIR also runs the Python worker from DIR (another checkout's plugins/python,
# e.g. main's: `git archive main plugins/python | tar -x -C /tmp/before`) as the peer "hyperbus-python-baseline".
# HYPERBUS_BENCH_KEEP=DIR keeps the hosts' and workers' logs there (bench/overhead_cycle.py reads the Python ones).
# The floor beside them: the raw MassTransit round trip on the same broker (bench/HyperBus.Bench.Bus, a consumer
# that waits S seconds and answers, P in flight): what one send and one publish per trial cost with nothing of
# HyperBus in between. Every line gives the overhead against N * S / P ("overhead") and against the
# ceil(N / P) rounds of S that P slots need at the least ("overheadRounds": 1,000 in 16 slots take 63 rounds).
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-1000}
seconds=${2:-0.2}
parallelism=${3:-16}
out=$(mktemp -d /tmp/hyperbus-overhead.XXXXXX)
dotnet build src/HyperBus.Cli -c Release -nologo -v q >/dev/null
dotnet build bench/HyperBus.Bench.Bus -c Release -nologo -v q >/dev/null
hb="dotnet src/HyperBus.Cli/bin/Release/net10.0/hyperbus.dll"
source tests/rabbitmq-node.sh
source bench/serving.sh
rabbit_start >/dev/null
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rabbit_stop
            if [ -n "${HYPERBUS_BENCH_KEEP:-}" ]; then mkdir -p "$HYPERBUS_BENCH_KEEP"; cp -r "$out"/. "$HYPERBUS_BENCH_KEEP"; fi
            rm -rf "$out"; }
trap cleanup EXIT
vhost() { HOME="$HYPERBUS_TEST_RABBITMQ_HOME" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$HYPERBUS_TEST_RABBITMQ_NODE" add_vhost "$1";
          HOME="$HYPERBUS_TEST_RABBITMQ_HOME" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$HYPERBUS_TEST_RABBITMQ_NODE" set_permissions -p "$1" guest '.*' '.*' '.*';
          echo "${HYPERBUS_TEST_RABBITMQ}$1"; }

spec() { # name trainer fixed-settings trials
  cat <<SPEC
study: $1
trials: $4
parallelism: $parallelism
trainer: $2
sampler: random
fixed: $3
space: { x: { type: float, low: 0, high: 1 } }
SPEC
}

run() { # label trainer fixed worker-command...
  local label=$1 trainer=$2 fixed=$3 url; shift 3
  url=$(vhost "$label")
  $hb host --transport rabbitmq --rabbitmq "$url" --storage "$out/$label.db" >"$out/$label-host.log" 2>&1 & pids+=($!)
  "$@" --rabbitmq "$url" >"$out/$label-worker.log" 2>&1 & pids+=($!)
  wait_serving "$out/$label-host.log" "$out/$label-worker.log"
  spec "$label-warmup" "$trainer" "$fixed" 50 >"$out/$label-warmup.yaml"
  spec "$label" "$trainer" "$fixed" "$trials" >"$out/$label.yaml"
  $hb submit "$out/$label-warmup.yaml" --transport rabbitmq --rabbitmq "$url" --wait --json >/dev/null
  $hb submit "$out/$label.yaml" --transport rabbitmq --rabbitmq "$url" --wait --json >"$out/$label.json"
  /usr/bin/python3 -c "
import json,math; d=json.load(open('$out/$label.json')); ideal=$trials*$seconds/$parallelism
rounds=math.ceil($trials/$parallelism)*$seconds; w=d['durationSeconds']
assert d['trials']['completed']==$trials, d
print(json.dumps({'peer':'$label','wall':round(w,2),'overhead':round(w/ideal-1,4),'overheadRounds':round(w/rounds-1,4)}))"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
}

raw_url=$(vhost raw-masstransit)
dotnet bench/HyperBus.Bench.Bus/bin/Release/net10.0/HyperBus.Bench.Bus.dll "$raw_url" "$trials" "$parallelism" "$seconds" |
  /usr/bin/python3 -c "
import json,math,sys; d=json.loads(sys.stdin.read()); w=d['seconds']
ideal=$trials*$seconds/$parallelism; rounds=math.ceil($trials/$parallelism)*$seconds
print(json.dumps({'peer':'raw-masstransit','wall':round(w,2),'overhead':round(w/ideal-1,4),'overheadRounds':round(w/rounds-1,4)}))"
run hyperbus-csharp noop "{ seconds: $seconds }" $hb worker --transport rabbitmq --trainer noop --concurrency "$parallelism"
run hyperbus-python conformance "{ sleepSeconds: $seconds }" env PYTHONPATH=plugins/python /usr/bin/python3 -m hyperbus_trainer --trainer conformance --no-examples --concurrency "$parallelism"
if [ -n "${HYPERBUS_BENCH_PYTHON_BASELINE:-}" ]; then
  run hyperbus-python-baseline conformance "{ sleepSeconds: $seconds }" env PYTHONPATH="$HYPERBUS_BENCH_PYTHON_BASELINE" /usr/bin/python3 -m hyperbus_trainer --trainer conformance --no-examples --concurrency "$parallelism"
fi
/usr/bin/python3 bench/overhead_optuna.py "$trials" "$seconds" "$parallelism" tpe memory
/usr/bin/python3 bench/overhead_optuna.py "$trials" "$seconds" "$parallelism" random memory
