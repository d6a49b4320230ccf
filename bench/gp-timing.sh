#!/usr/bin/env bash
# GP suggest time (issue 21) beside Optuna 3.1's TPE in the same run, on Rosenbrock 10-D with n completed trials:
#   bash bench/gp-timing.sh        (HISTORY=1000,5000 ASKS=64 by default)
# HyperBus gp: a long-lived sampler asked ASKS times in a row from n trials, each answer told (the kernel refits
# on its schedule inside that loop), mean / median / max per ask, plus the first ask of a fresh sampler (what a
# restarted host pays once). Optuna TPE: bench/optuna_bench.py timing (median of 5 asks from the same n trials).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
HISTORY=${HISTORY:-1000,5000}; ASKS=${ASKS:-64}
rm -f "$OUT/gp-timing.jsonl"
dotnet build -c Release bench/HyperBus.Bench -v q -nologo >/dev/null
B="dotnet bench/HyperBus.Bench/bin/Release/net10.0/HyperBus.Bench.dll"
uptime
$B timing-loop --samplers gp --history "$HISTORY" --asks "$ASKS" --out "$OUT/gp-timing.jsonl"
(cd bench && /usr/bin/python3 optuna_bench.py timing --samplers tpe --history "$HISTORY" --out out/gp-timing.jsonl)
$B timing-loop --samplers gp --history "$HISTORY" --asks "$ASKS" --out "$OUT/gp-timing.jsonl"
uptime
/usr/bin/python3 - "$OUT/gp-timing.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
tpe = {r["history"]: r["ms"] for r in rows if r["library"] == "optuna"}
for r in rows:
    if r["library"] == "hyperbus":
        n = r["history"]
        print(f'n={n}: gp mean {r["ms"]:.1f} ms (median {r["median_ms"]:.1f}, max {r["max_ms"]:.1f}, fresh sampler {r["first_ms"]:.1f}); '
              f'optuna tpe {tpe.get(n, float("nan")):.1f} ms; ratio gp/tpe {r["ms"] / tpe.get(n, float("nan")):.2f}')
PY
