#!/usr/bin/env bash
# The library's per-trial cost (issue 16): Study.OptimizeAsync against Optuna 3.1's study.optimize, both in memory
# with a random sampler (HyperBus "random", Optuna RandomSampler) and a trivial objective (two floats, x^2 + y^2),
# at 1,000 and 10,000 trials. The two sides run interleaved, one process at a time, ROUNDS times (the machine is
# shared); each process warms up on a 500-trial study, then times fresh studies. Also times HyperBus on its SQLite
# store (Optuna's SQLite figures are in the issue: 22 ms per trial). Prints medians, means and the goals' ratios.
# HyperBus runs each size twice: back to back (each study pays the collections its allocation triggers, also for an
# earlier study's garbage; the mean is the amortised cost, which the goal is judged on) and --settle (a full collection
# before each timed study, so a 1,000-trial study pays none; the strict view).
#   bash bench/library-overhead.sh            3 rounds
#   ROUNDS=5 SQLITE=0 bash bench/library-overhead.sh
#   BEFORE=/path/to/HyperBus.Bench.Library.dll bash bench/library-overhead.sh   also times another build (e.g. main's),
#     labelled hyperbus-before, in the same rounds
# Writes bench/out/library-overhead.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3   # Debian's python with optuna 3.1 (not the python first on PATH)
ROUNDS=${ROUNDS:-3}
SQLITE=${SQLITE:-1}
OUT=bench/out/library-overhead.jsonl
mkdir -p bench/out
rm -f "$OUT"
dotnet build -c Release bench/HyperBus.Bench.Library -v q -nologo >/dev/null
BENCH="dotnet bench/HyperBus.Bench.Library/bin/Release/net10.0/HyperBus.Bench.Library.dll"
BEFORE=${BEFORE:-}
before() {
  if [ -n "$BEFORE" ]; then
    dotnet "$BEFORE" "$@" | sed 's/"library":"hyperbus"/"library":"hyperbus-before"/' >> "$OUT"
  fi
}
for round in $(seq "$ROUNDS"); do
  echo "round $round/$ROUNDS" >&2
  # Small studies are short (tens of ms), so each process runs several of them.
  # Ten 1,000-trial studies back to back allocate past the first generation's budget, so their mean includes collections.
  $BENCH --trials 1000 --repeats 10 >> "$OUT"
  $BENCH --trials 1000 --repeats 5 --settle >> "$OUT"
  before --trials 1000 --repeats 10
  $PY bench/library_overhead.py --trials 1000 --repeats 5 >> "$OUT"
  $BENCH --trials 10000 --repeats 2 >> "$OUT"
  $BENCH --trials 10000 --repeats 2 --settle >> "$OUT"
  before --trials 10000 --repeats 2
  $PY bench/library_overhead.py --trials 10000 --repeats 2 >> "$OUT"
  if [ "$SQLITE" = 1 ]; then
    $BENCH --trials 1000 --repeats 2 --store sqlite >> "$OUT"
    $BENCH --trials 10000 --store sqlite >> "$OUT"
  fi
done
$PY bench/library_overhead_report.py "$OUT"
