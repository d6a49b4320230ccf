#!/usr/bin/env bash
# Batch suggestions (issue 21): auto (gp on these problems; later batch points by confidence bounds; sequential asks
# move to turbo after max(50, 15 d) trials and share the gp phase with tpe under noise; auto-global is the gp alone), gp with
# fantasy-averaged EI for every point (gp-fant) and with its earliest constant liar (gp-cl), tpe and tpe with
# constant liar asked for batches
# of 8 (each batch evaluated before the next is asked) against the same samplers asked one at a time, at
# equal trials, on the low-dimensional problems of the first suite. One JSON line per run.
#   bash bench/frontier-batch.sh     (SEEDS=0-19 TRIALS=100 PROBLEMS=branin,hartmann6,rosenbrock5 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
SEEDS=${SEEDS:-0-19}; TRIALS=${TRIALS:-100}; PROBLEMS=${PROBLEMS:-branin,hartmann6,rosenbrock5}
SAMPLERS=${SAMPLERS:-auto,auto-global,gp-fant,gp-cl,tpe-nocl,tpe-cl}
dotnet build -c Release bench/HyperBus.Bench -v q -nologo >/dev/null
B="nice -n 10 dotnet bench/HyperBus.Bench/bin/Release/net10.0/HyperBus.Bench.dll frontier --problems $PROBLEMS --seeds $SEEDS --trials $TRIALS --samplers $SAMPLERS --out $OUT/frontier-batch.jsonl"
rm -f "$OUT/frontier-batch.jsonl"
$B --parallelism 1 > "$OUT/frontier-batch.log"
$B --parallelism 8 >> "$OUT/frontier-batch.log"
/usr/bin/python3 bench/frontier/report.py "$OUT/frontier-batch.jsonl" | tee "$OUT/frontier-batch-tables.md"
