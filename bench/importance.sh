#!/usr/bin/env bash
# Parameter-importance benchmark (issue 8): HyperBus's fANOVA on its own random forest against Optuna 3.1's
# FanovaImportanceEvaluator on the same data, run side by side (one per core), on functions whose true
# normalised main effects are known in closed form (Ishigami, a dominant-parameter function, a weighted sum).
#   bash bench/importance.sh                 100, 300 and 1000 trials, 5 seeds each
#   SIZES=100,300 SEEDS=3 bash bench/importance.sh
# Writes bench/out/importance/ (data, raw results) and prints the table recorded in bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
SIZES=${SIZES:-100,300,1000}; SEEDS=${SEEDS:-5}
OUT=bench/out/importance
rm -rf "$OUT"; mkdir -p "$OUT"
$PY bench/importance/data.py "$OUT" "$SIZES" "$SEEDS"
dotnet build -c Release bench/HyperBus.Bench.Importance -v q -nologo >/dev/null
dotnet bench/HyperBus.Bench.Importance/bin/Release/net10.0/HyperBus.Bench.Importance.dll "$OUT/hyperbus.jsonl" "$OUT"/*.csv 2>"$OUT/hyperbus.log" &
HB=$!
$PY bench/importance/optuna_importance.py "$OUT/optuna.jsonl" "$OUT"/*.csv 2>"$OUT/optuna.log"
wait $HB
$PY bench/importance/report.py "$OUT/truth.json" "$OUT/hyperbus.jsonl" "$OUT/optuna.jsonl"
