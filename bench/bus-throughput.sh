#!/usr/bin/env bash
# Trials per second through RabbitMQ with a no-op trainer, beside the raw MassTransit round trip on the
# same broker in the same run (the ceiling). Starts a private RabbitMQ node, then for 1 and 4 worker
# processes a host and the workers, and submits two studies one after the other with
# `hyperbus submit --wait --json`: the first after the host started (cold) and the second (warm).
# CPU per trial is read from /proc for the host, the workers and the broker (beam.smp) during each study.
# The raw round trip also runs split into processes as a host and its workers are (a producer and 1 or 4 consumer
# processes, bench/HyperBus.Bench.Bus roles): what more processes cost on the same cores with nothing of HyperBus.
# HYPERBUS_BENCH_CLI=path/to/hyperbus.dll runs another build of the CLI (a ReadyToRun publish, say).
# HYPERBUS_BENCH_NO_WARMUP=1 starts the host and workers with --no-warmup (what the first study cost before the
# start-up warm-up). The studies are submitted once every process serves (bench/serving.sh).
#   bash bench/bus-throughput.sh [trials=5000] [parallelism=200]
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-5000}
parallelism=${2:-200}
out=$(mktemp -d /tmp/hyperbus-bench.XXXXXX)
dotnet build src/HyperBus.Cli -c Release -nologo -v q >/dev/null
dotnet build bench/HyperBus.Bench.Bus -c Release -nologo -v q >/dev/null
bus_dll=bench/HyperBus.Bench.Bus/bin/Release/net10.0/HyperBus.Bench.Bus.dll
hb="dotnet ${HYPERBUS_BENCH_CLI:-src/HyperBus.Cli/bin/Release/net10.0/hyperbus.dll}"
warmup=""; [ -n "${HYPERBUS_BENCH_NO_WARMUP:-}" ] && warmup="--no-warmup"
source tests/rabbitmq-node.sh
source bench/serving.sh
rabbit_start >/dev/null
broker=$(cat "$(dirname "$HYPERBUS_TEST_RABBITMQ_HOME")/rabbit.pid")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rabbit_stop; rm -rf "$out"; }
trap cleanup EXIT

vhost() { HOME="$HYPERBUS_TEST_RABBITMQ_HOME" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$HYPERBUS_TEST_RABBITMQ_NODE" add_vhost "$1";
          HOME="$HYPERBUS_TEST_RABBITMQ_HOME" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$HYPERBUS_TEST_RABBITMQ_NODE" set_permissions -p "$1" guest '.*' '.*' '.*';
          echo "${HYPERBUS_TEST_RABBITMQ}$1"; }
# CPU time (user + system, in clock ticks) of the given processes.
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
hz=$(getconf CLK_TCK)
ms_per() { /usr/bin/python3 -c "print(f'{$1 * 1000 / $hz / $2:.2f}')"; }

raw_url=$(vhost raw)
b0=$(ticks "$broker")
raw=$(dotnet "$bus_dll" "$raw_url" "$trials" "$parallelism")
raw_broker=$(( $(ticks "$broker") - b0 ))
raw_rate=$(echo "$raw" | sed -E 's/.*"perSecond":([0-9]+).*/\1/')
# The raw round trip with its consumers in N processes of their own (prefetch parallelism / N each).
raw_split() {
  local n=$1 url cpids=() i
  url=$(vhost "raw$n")
  for i in $(seq 1 "$n"); do
    dotnet "$bus_dll" "$url" 0 $((parallelism / n)) 0 consumer >"$out/raw$n-$i.log" 2>&1 & cpids+=($!); pids+=($!)
  done
  for i in $(seq 1 "$n"); do
    until grep -qs "bench consumer: serving" "$out/raw$n-$i.log"; do sleep 0.2; done
  done
  local c0 b0 line
  # A first producer run warms the consumer processes (JIT, tier-1 recompilation), as the warm study is warm.
  dotnet "$bus_dll" "$url" "$trials" "$parallelism" 0 producer >/dev/null
  sleep 5
  c0=$(ticks "${cpids[@]}"); b0=$(ticks "$broker")
  line=$(dotnet "$bus_dll" "$url" "$trials" "$parallelism" 0 producer)
  # The producer's warm-up pass (trials / 4, at least a window) runs on the same consumers: CPU over both passes.
  local all=$(( trials + (trials / 4 > parallelism ? trials / 4 : parallelism) ))
  splitcpu[$n]="consumers $(ms_per $(( $(ticks "${cpids[@]}") - c0 )) "$all"), broker $(ms_per $(( $(ticks "$broker") - b0 )) "$all")"
  split[$n]=$(echo "$line" | sed -E 's/.*"perSecond":([0-9]+).*/\1/')
  for i in "${cpids[@]}"; do kill "$i" 2>/dev/null || true; done
  wait "${cpids[@]}" 2>/dev/null || true
  pids=()
}
declare -A split splitcpu
raw_split 1
raw_split 4

study() {
  cat <<SPEC
study: $1
trials: $trials
parallelism: $parallelism
trainer: noop
sampler: random
space: { x: { type: float, low: 0, high: 1 } }
SPEC
}
study noop-cold >"$out/cold.yaml"
study noop-warm >"$out/warm.yaml"
rate() { /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(round(d["trials"]["completed"]/d["durationSeconds"]))' "$1"; }

# Runs in this shell (not a $(...) subshell) so the processes it starts are stopped before the next run.
run_trials() {
  local workers=$1 url host
  url=$(vhost "trials$workers")
  pids=()
  local began=$SECONDS
  $hb host $warmup --transport rabbitmq --rabbitmq "$url" --storage "$out/host$workers.db" >"$out/host$workers.log" 2>&1 & host=$!; pids+=($host)
  local wpids=()
  for i in $(seq 1 "$workers"); do
    $hb worker $warmup --transport rabbitmq --rabbitmq "$url" --trainer noop --concurrency $((parallelism / workers)) >"$out/w$workers-$i.log" 2>&1 & wpids+=($!); pids+=($!)
  done
  local logs=("$out/host$workers.log")
  for i in $(seq 1 "$workers"); do logs+=("$out/w$workers-$i.log"); done
  wait_serving "${logs[@]}"
  ready[$workers]=$((SECONDS - began - 2))
  local h0 w0 b0
  h0=$(ticks "$host"); w0=$(ticks "${wpids[@]}"); b0=$(ticks "$broker")
  $hb submit "$out/cold.yaml" --transport rabbitmq --rabbitmq "$url" --wait --json >"$out/cold$workers.json"
  coldcpu[$workers]="host $(ms_per $(( $(ticks "$host") - h0 )) "$trials"), workers $(ms_per $(( $(ticks "${wpids[@]}") - w0 )) "$trials"), broker $(ms_per $(( $(ticks "$broker") - b0 )) "$trials")"
  h0=$(ticks "$host"); w0=$(ticks "${wpids[@]}"); b0=$(ticks "$broker")
  $hb submit "$out/warm.yaml" --transport rabbitmq --rabbitmq "$url" --wait --json >"$out/warm$workers.json"
  cpu[$workers]="host $(ms_per $(( $(ticks "$host") - h0 )) "$trials"), workers $(ms_per $(( $(ticks "${wpids[@]}") - w0 )) "$trials"), broker $(ms_per $(( $(ticks "$broker") - b0 )) "$trials")"
  cold[$workers]=$(rate "$out/cold$workers.json"); warm[$workers]=$(rate "$out/warm$workers.json")
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
}

declare -A cpu coldcpu cold warm ready
run_trials 1
run_trials 4
ratio() { /usr/bin/python3 -c "print(f'{$1/$2:.2f}')"; }
echo "| run | rate | ratio to raw | CPU ms per trial |"
echo "|---|---|---|---|"
echo "| raw MassTransit round trip (send + publish, window $parallelism) | $raw_rate/s | 1.00 | broker $(ms_per "$raw_broker" "$trials") |"
for n in 1 4; do
  echo "| raw round trip, a producer and $n consumer process(es) | ${split[$n]}/s | $(ratio "${split[$n]}" "$raw_rate") | ${splitcpu[$n]} |"
done
for w in 1 4; do
  echo "| HyperBus, $w worker process(es), warm study | ${warm[$w]}/s | $(ratio "${warm[$w]}" "$raw_rate") | ${cpu[$w]} |"
  echo "| HyperBus, $w worker process(es), first study after host start | ${cold[$w]}/s | $(ratio "${cold[$w]}" "$raw_rate") | ${coldcpu[$w]}; warm/cold rate $(ratio "${warm[$w]}" "${cold[$w]}") |"
done
echo "4 workers vs 1 (warm): $(ratio "${warm[4]}" "${warm[1]}"); the raw round trip, 4 consumer processes vs 1: $(ratio "${split[4]}" "${split[1]}")"
echo "start to serving (host and workers, ${warmup:-with the start-up warm-up}): 1 worker ${ready[1]} s, 4 workers ${ready[4]} s"
