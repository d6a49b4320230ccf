#!/usr/bin/env bash
# Population benchmark (issue 7), one command:
#   bash bench/population.sh            quick: 10 seeds x 100 trials on the function suite, PBT 5 seeds
#   MODE=full bash bench/population.sh  full: 20 seeds x 200 trials, PBT 10 seeds
# 1. GA and PSO against random search and Optuna's NSGAIISampler (single objective; its default population
#    of 50, and 20 like ours) and CmaEsSampler at equal trials, through the samplers benchmark's harness
#    (bench/HyperBus.Bench and bench/optuna_bench.py run side by side, one per core).
# 2. PBT against random search at equal total budget (192 epochs) on pbt-digits, both through HyperBus
#    (`hyperbus tune --transport rabbitmq`) with one Python worker, on a private RabbitMQ node.
# Writes bench/out/population-*.jsonl and bench/out/population-tables.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
MODE=${MODE:-quick}
if [ "$MODE" = full ]; then S=20; T=200; P=10; else S=10; T=100; P=5; fi
SEEDS=${SEEDS:-$S}; TRIALS=${TRIALS:-$T}; PBT_SEEDS=${PBT_SEEDS:-$P}   # each may be overridden
PROBLEMS=${PROBLEMS:-branin,hartmann6,rosenbrock5,rosenbrock10,ackley10,levy10,styblinski10}
OUT=bench/out
mkdir -p "$OUT"
rm -f "$OUT"/population-hyperbus.jsonl "$OUT"/population-optuna.jsonl "$OUT"/population-pbt.jsonl
dotnet build -c Release bench/HyperBus.Bench -v q -nologo >/dev/null
dotnet build -c Release src/HyperBus.Cli -v q -nologo >/dev/null
BENCH="dotnet bench/HyperBus.Bench/bin/Release/net10.0/HyperBus.Bench.dll"

$BENCH regret --problems "$PROBLEMS" --samplers random,ga,pso --seeds "$SEEDS" --trials "$TRIALS" \
  --out "$OUT/population-hyperbus.jsonl" > "$OUT/population-hyperbus.log" &
HB=$!
(cd bench && $PY optuna_bench.py regret --problems "$PROBLEMS" --samplers random,nsga2,nsga2-20,cmaes --seeds "$SEEDS" \
  --trials "$TRIALS" --out "out/population-optuna.jsonl" > out/population-optuna.log)
wait $HB
$PY bench/report.py "$OUT/population-hyperbus.jsonl" "$OUT/population-optuna.jsonl" > "$OUT/population-tables.md"

source tests/rabbitmq-node.sh
rabbit_start >/dev/null
work=$(mktemp -d /tmp/hyperbus-population.XXXXXX)
worker=""
cleanup() { [ -n "$worker" ] && kill "$worker" 2>/dev/null; wait 2>/dev/null || true; rabbit_stop; rm -rf "$work"; }
trap cleanup EXIT
HOME="$HYPERBUS_TEST_RABBITMQ_HOME" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$HYPERBUS_TEST_RABBITMQ_NODE" add_vhost population
HOME="$HYPERBUS_TEST_RABBITMQ_HOME" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$HYPERBUS_TEST_RABBITMQ_NODE" set_permissions -p population guest '.*' '.*' '.*'
URL="${HYPERBUS_TEST_RABBITMQ}population"
PYTHONPATH=plugins/python $PY -m hyperbus_trainer --rabbitmq "$URL" --trainer pbt-digits --concurrency 2 \
  --checkpoints "$work/checkpoints" --decision-timeout 10 > "$OUT/population-worker.log" 2>&1 &
worker=$!
$PY bench/population/pbt_bench.py --hyperbus "dotnet src/HyperBus.Cli/bin/Release/net10.0/hyperbus.dll" --rabbitmq "$URL" \
  --seeds "$PBT_SEEDS" --out "$OUT/population-pbt.jsonl" >> "$OUT/population-tables.md" 2> "$OUT/population-pbt.log"
cat "$OUT/population-tables.md"
