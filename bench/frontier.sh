#!/usr/bin/env bash
# The harder suite (issue 21), kept beside bench/samplers.sh's suite:
#   bash bench/frontier.sh                 everything below, in order
#   STAGE=anchors bash bench/frontier.sh   only the Python anchors;  STAGE=hyperbus / STAGE=report likewise
# Anchors need Debian's python3-optuna python3-deap python3-pyswarms (apt-get install -y ...).
# One JSON line per run (bench/out/frontier-*.jsonl), so a partial run is usable; runs go seed by seed.
# Only the real tasks: STAGE=... LOWD= HIGHD= FIFTY= bash bench/frontier.sh (NICE=15 for a shared machine).
# Seeds and budgets are overridable; the defaults are what fits about an hour of CPU on 2 shared cores
# (Optuna's TPE costs 1-2 minutes per 500-trial 50-D run, so those anchors get fewer seeds).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
OUT=bench/out
mkdir -p "$OUT"
STAGE=${STAGE:-all}
NICE=${NICE:-10}
LOWD=${LOWD-mixed,conditional3,hartmann6-noise5,hartmann6-noise20}
HIGHD=${HIGHD-ackley20,rosenbrock20}
FIFTY=${FIFTY-levy50,hartmann6-50}
# The three real tasks, tabulated (bench/frontier/real_tables.py built bench/frontier/tables/*.csv once).
REAL=${REAL-svc-digits,boost-cancer,mlp-digits}
# A group set empty (LOWD= HIGHD= ...; `${X-default}` keeps an empty value) drops out: join the non-empty ones.
join() { local IFS=,; local parts=(); for g in "$@"; do [ -n "$g" ] && parts+=("$g"); done; echo "${parts[*]}"; }
ALL=$(join "$LOWD" "$HIGHD" "$FIFTY" "$REAL")
HB_SEEDS=${HB_SEEDS:-0-19}
CHEAP_SEEDS=${CHEAP_SEEDS:-0-19}    # optuna random/cmaes, deap ga, pyswarms pso: seconds per run
TPE_SEEDS=${TPE_SEEDS:-0-9}         # optuna tpe / tpe-mv up to 20-D
TPE50_SEEDS=${TPE50_SEEDS:-0-2}     # optuna tpe / tpe-mv at 50-D, 500 trials
TPE_REAL_SEEDS=${TPE_REAL_SEEDS:-0-19}  # optuna tpe / tpe-mv on the real tasks: 2-4 parameters, seconds per run
HB_SAMPLERS=${HB_SAMPLERS:-auto}
if [ "$STAGE" = all ] || [ "$STAGE" = anchors ]; then
  A="nice -n $NICE $PY bench/frontier/anchors.py --out $OUT/frontier-anchors.jsonl"
  $A --problems "$ALL" --samplers random,cmaes,ga,pso --seeds "$CHEAP_SEEDS" > "$OUT/frontier-anchors.log" 2>&1
  LOW_HIGH=$(join "$LOWD" "$HIGHD")
  [ -z "$LOW_HIGH" ] || $A --problems "$LOW_HIGH" --samplers tpe,tpe-mv --seeds "$TPE_SEEDS" >> "$OUT/frontier-anchors.log" 2>&1
  [ -z "$FIFTY" ] || $A --problems "$FIFTY" --samplers tpe,tpe-mv --seeds "$TPE50_SEEDS" >> "$OUT/frontier-anchors.log" 2>&1
  [ -z "$REAL" ] || $A --problems "$REAL" --samplers tpe,tpe-mv --seeds "$TPE_REAL_SEEDS" >> "$OUT/frontier-anchors.log" 2>&1
fi
if [ "$STAGE" = all ] || [ "$STAGE" = hyperbus ]; then
  dotnet build -c Release bench/HyperBus.Bench -v q -nologo >/dev/null
  nice -n "$NICE" dotnet bench/HyperBus.Bench/bin/Release/net10.0/HyperBus.Bench.dll frontier --problems "$ALL" \
    --samplers "$HB_SAMPLERS" --seeds "$HB_SEEDS" --out "$OUT/frontier-hyperbus.jsonl" > "$OUT/frontier-hyperbus.log"
fi
if [ "$STAGE" = all ] || [ "$STAGE" = report ]; then
  $PY bench/frontier/report.py "$OUT"/frontier-*.jsonl | tee "$OUT/frontier-tables.md"
fi
