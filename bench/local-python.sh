#!/usr/bin/env bash
# The article's grid (issue 19): `hyperbus tune examples/iris-svc-grid.yaml` (144 SVC trials in local Python
# workers, no broker) against scikit-learn's GridSearchCV on the same grid and folds, alternating in the same run
# (ROUNDS times, default 3, so both sides see the same machine load), each timed from the command line (process
# start to exit, interpreter and .NET start-up included), with the CPU seconds (user + sys) each used.
#   bash bench/local-python.sh          # PARALLELISM=2 for the tune side (default: the spec's 4); ROUNDS=5
#   BEFORE=/path/to/old/hyperbus.dll bash bench/local-python.sh   # also times an older build in each round
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
OUT=bench/out/local-python
ROUNDS=${ROUNDS:-3}
rm -rf "$OUT"; mkdir -p "$OUT"
dotnet build -c Release src/HyperBus.Cli -v q -nologo >/dev/null
extra=()
[ -n "${PARALLELISM:-}" ] && extra+=(--parallelism "$PARALLELISM")
cat >"$OUT/gridsearch.py" <<'PYEOF'
import sys
from sklearn.datasets import load_iris
from sklearn.model_selection import GridSearchCV
from sklearn.svm import SVC
X, y = load_iris(return_X_y=True)
grid = {"C": [0.001, 0.01, 0.1, 1, 10, 100], "gamma": [0.001, 0.01, 0.1, 1, 10, 100],
        "kernel": ["linear", "rbf", "poly", "sigmoid"]}
search = GridSearchCV(SVC(), grid, cv=5, n_jobs=int(sys.argv[1]) if len(sys.argv) > 1 else None).fit(X, y)
print(repr(search.best_score_), search.best_params_)
PYEOF
# timed OUTFILE COMMAND...: runs COMMAND with stdout to OUTFILE, prints "wall cpu" seconds
timed() { local out=$1; shift; /usr/bin/time -f "%e %U %S" -o "$OUT/time.txt" "$@" >"$out"; read -r wall user sys <"$OUT/time.txt"; echo "$wall $(echo "$user + $sys" | bc)"; }
for round in $(seq 1 "$ROUNDS"); do
  rm -f "$OUT"/grid.db*
  tune=$(timed "$OUT/tune.json" dotnet src/HyperBus.Cli/bin/Release/net10.0/hyperbus.dll tune examples/iris-svc-grid.yaml --json --storage "$OUT/grid.db" "${extra[@]}")
  if [ -n "${BEFORE:-}" ]; then
    rm -f "$OUT"/before.db*
    old=$(timed "$OUT/before.json" dotnet "$BEFORE" tune examples/iris-svc-grid.yaml --json --storage "$OUT/before.db" "${extra[@]}")
    echo "round $round: before (${BEFORE}) ${old% *} s wall, ${old#* } s CPU"
  fi
  gs=$(timed "$OUT/gridsearch.txt" $PY "$OUT/gridsearch.py")
  best=$($PY -c "import json; d = json.load(open('$OUT/tune.json')); print(repr(d['bestValue']), d['bestParams'], 'study', d['durationSeconds'], 's')")
  echo "round $round: hyperbus tune ${tune% *} s wall, ${tune#* } s CPU ($best) | GridSearchCV ${gs% *} s wall, ${gs#* } s CPU ($(cat "$OUT/gridsearch.txt")) | ratio $(echo "scale=2; ${tune% *} / ${gs% *}" | bc) | load $(cut -d' ' -f1 /proc/loadavg)"
done
gs=$(timed "$OUT/gridsearch.txt" $PY "$OUT/gridsearch.py" -1)
echo "GridSearchCV(n_jobs=-1): ${gs% *} s wall, ${gs#* } s CPU ($(cat "$OUT/gridsearch.txt"))"
