#!/usr/bin/env bash
# The article's grid (issue 19): `hyperbus tune examples/iris-svc-grid.yaml` (144 SVC trials in local Python
# workers, no broker) against scikit-learn's GridSearchCV on the same grid and folds, one after the other in the
# same run, each timed from the command line (process start to exit, interpreter and .NET start-up included).
#   bash bench/local-python.sh          # PARALLELISM=2 for the tune side (default: the spec's 4)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
OUT=bench/out/local-python
rm -rf "$OUT"; mkdir -p "$OUT"
dotnet build -c Release src/HyperBus.Cli -v q -nologo >/dev/null
extra=()
[ -n "${PARALLELISM:-}" ] && extra+=(--parallelism "$PARALLELISM")
start=$(date +%s.%N)
dotnet src/HyperBus.Cli/bin/Release/net10.0/hyperbus.dll tune examples/iris-svc-grid.yaml --json --storage "$OUT/grid.db" "${extra[@]}" >"$OUT/tune.json"
tune=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
$PY - >"$OUT/gridsearch.txt" <<'PYEOF'
from sklearn.datasets import load_iris
from sklearn.model_selection import GridSearchCV
from sklearn.svm import SVC
X, y = load_iris(return_X_y=True)
grid = {"C": [0.001, 0.01, 0.1, 1, 10, 100], "gamma": [0.001, 0.01, 0.1, 1, 10, 100],
        "kernel": ["linear", "rbf", "poly", "sigmoid"]}
search = GridSearchCV(SVC(), grid, cv=5).fit(X, y)
print(repr(search.best_score_), search.best_params_)
PYEOF
gs=$(echo "$(date +%s.%N) - $start" | bc)
best=$($PY -c "import json; d = json.load(open('$OUT/tune.json')); print(repr(d['bestValue']), d['bestParams'], d['durationSeconds'])")
echo "hyperbus tune: ${tune} s wall (best, params, study seconds: $best)"
echo "GridSearchCV:  ${gs} s wall ($(cat "$OUT/gridsearch.txt"))"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
