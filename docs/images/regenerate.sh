#!/usr/bin/env bash
# Regenerates the README's images from real runs (issue 19): the live dashboard of wine-lightgbm-median after
# its 30 trials (tune --dashboard --keep-serving, screenshot by headless chromium), the plots `hyperbus report`
# draws for that study, best per generation of a GA study and the Pareto front of zdt1-nsga2.
#   bash docs/images/regenerate.sh      # needs chromium (apt-get install chromium); a few minutes on 2 cores
set -euo pipefail
cd "$(dirname "$0")/../.."
IMAGES=docs/images
OUT=$(mktemp -d /tmp/hyperbus-images-XXXXXX)
trap 'rm -rf "$OUT"' EXIT
dotnet build -c Release src/HyperBus.Cli -v q -nologo >/dev/null
HB="dotnet src/HyperBus.Cli/bin/Release/net10.0/hyperbus.dll"
PORT=$((20000 + RANDOM % 20000))

# The dashboard, kept serving after the study so the screenshot shows it finished.
$HB tune examples/wine-lightgbm-median.yaml --json --storage "$OUT/studies.db" --dashboard "http://127.0.0.1:$PORT" --keep-serving >"$OUT/tune.json" 2>"$OUT/tune.log" &
tune=$!
until grep -q "still serving" "$OUT/tune.log"; do
  kill -0 "$tune" 2>/dev/null || { cat "$OUT/tune.log"; exit 1; }
  sleep 1
done
chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$OUT/chromium" --virtual-time-budget=4000 \
  --window-size=1200,1500 --hide-scrollbars --screenshot="$IMAGES/dashboard.png" "http://127.0.0.1:$PORT/" 2>/dev/null
kill -TERM "$tune"; wait "$tune" || true   # (SIGINT is ignored by a script's background job)

# The report's plots of the same study.
$HB report wine-lightgbm-median --storage "$OUT/studies.db" --out "$OUT/report" >/dev/null
cp "$OUT/report/history.png" "$IMAGES/report-history.png"
cp "$OUT/report/parallel-coordinates.png" "$IMAGES/report-parallel-coordinates.png"
cp "$OUT/report/importance.png" "$IMAGES/report-importance.png"
cp "$OUT"/report/contour-*.png "$IMAGES/report-contour.png"
cp "$OUT/report/slice-learningRate.png" "$IMAGES/report-slice.png"
cp "$OUT/report/intermediate-values.png" "$IMAGES/report-intermediate-values.png"
chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$OUT/chromium" \
  --window-size=1000,1400 --hide-scrollbars --screenshot="$IMAGES/report-page.png" "file://$OUT/report/report.html" 2>/dev/null

# Best per generation: GA on Styblinski-Tang in 3 dimensions.
cat >"$OUT/ga.yaml" <<'YAML'
study: styblinski-ga
direction: minimize
metric: value
trials: 200
parallelism: 4
sampler: { type: ga, seed: 3, populationSize: 20 }
trainer: function
fixed: { function: styblinski-tang }
space:
  x0: { type: float, low: -5, high: 5 }
  x1: { type: float, low: -5, high: 5 }
  x2: { type: float, low: -5, high: 5 }
YAML
$HB tune "$OUT/ga.yaml" --json --storage "$OUT/studies.db" >/dev/null
$HB report styblinski-ga --storage "$OUT/studies.db" --out "$OUT/ga" >/dev/null
cp "$OUT/ga/generations.png" "$IMAGES/report-generations.png"

# The Pareto front of the two-objective example.
$HB tune examples/zdt1-nsga2.yaml --json --storage "$OUT/studies.db" >/dev/null
$HB report zdt1-nsga2 --storage "$OUT/studies.db" --out "$OUT/zdt1" >/dev/null
cp "$OUT/zdt1/pareto-front.png" "$IMAGES/report-pareto-front.png"
echo "regenerated: $(ls "$IMAGES"/*.png | xargs -n1 basename | tr '\n' ' ')"
