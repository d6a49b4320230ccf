#!/usr/bin/env bash
# Budget benchmark (issue 6): epochs spent until the best accuracy reaches random search's at full budget,
# for HyperBus's random/median/hyperband/asha/bohb (Python mlp-digits trainer over a private RabbitMQ
# node) and Optuna 3.1's TPE + HyperbandPruner / MedianPruner (same training code, in process).
#   bash bench/budget.sh                      5 seeds, 40 trials each
#   SEEDS=10 TRIALS=60 bash bench/budget.sh   more
# Writes bench/out/budget.jsonl and prints a markdown table (bench/out/budget.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3   # Debian's python with optuna 3.1 and sklearn (not the python first on PATH)
SEEDS=${SEEDS:-5}
TRIALS=${TRIALS:-40}
OUT=bench/out
mkdir -p "$OUT"
rm -f "$OUT/budget.jsonl"
dotnet build -c Release src/HyperBus.Cli -v q -nologo >/dev/null
HYPERBUS="dotnet src/HyperBus.Cli/bin/Release/net10.0/hyperbus.dll"
source tests/rabbitmq-node.sh
WORKER=
cleanup() { [ -n "$WORKER" ] && kill "$WORKER" 2>/dev/null; wait 2>/dev/null || true; rabbit_stop; }
trap cleanup EXIT
rabbit_start >/dev/null
PYTHONPATH=plugins/python $PY -m hyperbus_trainer --rabbitmq "$HYPERBUS_TEST_RABBITMQ" --trainer mlp-digits \
  --concurrency 1 > "$OUT/budget-worker.log" 2>&1 &
WORKER=$!
$PY bench/budget/run.py --seeds "$SEEDS" --trials "$TRIALS" --hyperbus "$HYPERBUS" \
  --rabbitmq "$HYPERBUS_TEST_RABBITMQ" --out "$OUT/budget.jsonl"
$PY bench/budget/report.py "$OUT/budget.jsonl" | tee "$OUT/budget.md"
