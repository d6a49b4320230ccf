#!/usr/bin/env bash
# Samplers benchmark (issue 4): HyperBus vs Optuna on the same problems, seeds and budgets.
#   bash bench/samplers.sh          quick mode: 10 seeds, 100 trials (SVC: 25), timing at 100..2000
#   MODE=full bash bench/samplers.sh  full mode: 20 seeds, 200 trials (SVC: 100)
# Writes bench/out/*.jsonl and prints markdown tables (bench/out/tables.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3   # Debian's python with optuna 3.1, sklearn, cmaes (not the python first on PATH)
MODE=${MODE:-quick}
if [ "$MODE" = full ]; then SEEDS=20; TRIALS=200; SVC_TRIALS=100; else SEEDS=10; TRIALS=100; SVC_TRIALS=25; fi
PROBLEMS=${PROBLEMS:-branin,hartmann6,rosenbrock5,rosenbrock10,ackley10,levy10,styblinski10,svc}
OUT=bench/out
mkdir -p "$OUT"
rm -f "$OUT"/hyperbus.jsonl "$OUT"/optuna.jsonl
dotnet build -c Release bench/HyperBus.Bench -v q -nologo >/dev/null
BENCH="dotnet bench/HyperBus.Bench/bin/Release/net10.0/HyperBus.Bench.dll"
# The two sides run at the same time (one process each on the 2 cores), timing runs alone afterwards.
$BENCH regret --problems "$PROBLEMS" --seeds "$SEEDS" --trials "$TRIALS" --svc-trials "$SVC_TRIALS" \
  --python "$PY" --svc bench/svc_eval.py --out "$OUT/hyperbus.jsonl" > "$OUT/hyperbus.log" &
HB=$!
(cd bench && $PY optuna_bench.py regret --problems "$PROBLEMS" --seeds "$SEEDS" --trials "$TRIALS" \
  --svc-trials "$SVC_TRIALS" --out "out/optuna.jsonl" > out/optuna.log)
wait $HB
$BENCH timing --samplers random,sobol,tpe,tpe-mv,gp,cmaes --history 100,200,500,1000,2000 --out "$OUT/hyperbus.jsonl"
(cd bench && $PY optuna_bench.py timing --samplers random,tpe,tpe-mv,cmaes --history 100,500,1000,2000 --out out/optuna.jsonl)
$PY bench/report.py "$OUT/hyperbus.jsonl" "$OUT/optuna.jsonl" | tee "$OUT/tables.md"
