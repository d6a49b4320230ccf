#!/usr/bin/env bash
# Multi-objective benchmark (issue 10): HyperBus NSGA-II (through the C# library) vs Optuna 3.1's NSGAIISampler
# on ZDT1, ZDT2, ZDT3 (30 variables) and the constrained BNH, same budget and seeds, both sides at the same time.
#   bash bench/multiobjective/run.sh                 5 seeds, 1000 trials
#   SEEDS=10 TRIALS=2000 bash bench/multiobjective/run.sh
# Writes bench/multiobjective/out/*.jsonl and prints markdown tables (out/tables.md).
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3   # Debian's python with optuna 3.1
SEEDS=${SEEDS:-5}
TRIALS=${TRIALS:-1000}
PROBLEMS=${PROBLEMS:-zdt1,zdt2,zdt3,bnh}
mkdir -p out
rm -f out/hyperbus.jsonl out/optuna.jsonl
dotnet build -c Release HyperBus.Bench.MultiObjective -v q -nologo >/dev/null
dotnet HyperBus.Bench.MultiObjective/bin/Release/net10.0/HyperBus.Bench.MultiObjective.dll \
  --problems "$PROBLEMS" --samplers nsga2,nsga2-uniform --seeds "$SEEDS" --trials "$TRIALS" --out out/hyperbus.jsonl 2> out/hyperbus.log &
HB=$!
$PY optuna_mo.py --problems "$PROBLEMS" --samplers nsga2,nsga2-sbx --seeds "$SEEDS" --trials "$TRIALS" --out out/optuna.jsonl 2> out/optuna.log
wait $HB
$PY report.py out/hyperbus.jsonl out/optuna.jsonl | tee out/tables.md
