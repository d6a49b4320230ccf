#!/usr/bin/env bash
# Hedging for stragglers (issue 15): the same study with and without `hedge:` in the same run, over a private RabbitMQ
# node with WORKERS Python worker processes (one trial at a time each) serving bench/hedging/straggler.py, where one
# attempt in ten takes 20x the usual time (0.2 s usual, 4 s straggler; the rule depends on the attempt, so a hedge is
# quick). ROUNDS rounds, each running both studies (their order alternates), each timed by its own
# `hyperbus submit --wait --json` (study start to end, from the host's summary). Checks after each study that the store
# holds exactly TRIALS trials with unique numbers, all completed: each trial counted once.
#   bash bench/hedging.sh            # TRIALS=60 WORKERS=4 ROUNDS=3; KEEP_DB=PATH keeps the host's store (for `hyperbus export`)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
trials=${TRIALS:-60}
workers=${WORKERS:-4}
rounds=${ROUNDS:-3}
out=$(mktemp -d /tmp/hyperbus-hedging.XXXXXX)
dotnet build src/HyperBus.Cli -c Release -nologo -v q >/dev/null
hb="dotnet src/HyperBus.Cli/bin/Release/net10.0/hyperbus.dll"
source tests/rabbitmq-node.sh
rabbit_start >/dev/null
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rabbit_stop
  if [ -n "${KEEP_DB:-}" ]; then for f in "$out"/host.db*; do cp "$f" "$KEEP_DB${f#"$out/host.db"}"; done; fi
  rm -rf "$out"
}
trap cleanup EXIT
url=$HYPERBUS_TEST_RABBITMQ

$hb host --transport rabbitmq --rabbitmq "$url" --storage "$out/host.db" >"$out/host.log" 2>&1 & pids+=($!)
for i in $(seq 1 "$workers"); do
  PYTHONPATH=plugins/python:bench/hedging $PY -m hyperbus_trainer --rabbitmq "$url" --no-examples --module straggler \
    --trainer bench-straggler --announce-after 0 --worker-id "straggler-$i" >"$out/worker$i.log" 2>&1 & pids+=($!)
done

study() {
  cat <<SPEC
study: $1
trials: $trials
parallelism: $workers
trainer: bench-straggler
sampler: random
$2
space: { x: { type: float, low: 0, high: 1 } }
SPEC
}
study stragglers-plain "" >"$out/plain.yaml"
study stragglers-hedged "hedge: { afterQuantile: 0.9, minCompleted: 10, maxHedged: 2 }" >"$out/hedged.yaml"

# run NAME: submits the study, prints its wall time (s), and checks the store counted each trial once.
run() {
  $hb submit "$out/$1.yaml" --transport rabbitmq --rabbitmq "$url" --wait --json >"$out/$1.json"
  $PY - "$out/$1.json" "$out/host.db" "$trials" <<'PYEOF'
import json, sqlite3, sys
summary = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
study = str(summary["studyId"]).replace("-", "").lower()
mine = db.execute("SELECT number, state FROM trials WHERE REPLACE(LOWER(study_id), '-', '') = ?", (study,)).fetchall()
numbers = [r[0] for r in mine]
want = int(sys.argv[3])
assert len(mine) == want and len(set(numbers)) == want, f"{len(mine)} trials, {len(set(numbers))} numbers, want {want}"
assert all(r[1] == "Completed" for r in mine), "a trial did not complete"
assert summary["trials"]["completed"] == want, summary["trials"]
hedged = db.execute("""SELECT COUNT(*), SUM(v.value = 'won') FROM trial_attributes v JOIN trials t ON t.id = v.trial_id
    WHERE v.key = 'hedge.state' AND REPLACE(LOWER(t.study_id), '-', '') = ?""", (study,)).fetchone()
print(f"{summary['durationSeconds']:.2f} {hedged[0]} {hedged[1] or 0}")
PYEOF
}

plain_all=(); hedged_all=()
for round in $(seq 1 "$rounds"); do
  order=(plain hedged); [ $((round % 2)) -eq 0 ] && order=(hedged plain)
  for name in "${order[@]}"; do
    read -r wall hedges won < <(run "$name")
    load=$(cut -d' ' -f1 /proc/loadavg)
    if [ "$name" = plain ]; then plain_all+=("$wall"); else hedged_all+=("$wall"); fi
    echo "round $round: $name $wall s ($trials trials counted once; $hedges hedged, $won won by the hedge) | load $load"
  done
done
$PY - "${plain_all[*]}" "${hedged_all[*]}" <<'PYEOF'
import statistics, sys
plain = [float(x) for x in sys.argv[1].split()]
hedged = [float(x) for x in sys.argv[2].split()]
p, h = statistics.median(plain), statistics.median(hedged)
print(f"median: without hedge {p:.2f} s, with hedge {h:.2f} s: {100 * (1 - h / p):.0f} % shorter"
      f" (per round: {', '.join(f'{100 * (1 - b / a):.0f} %' for a, b in zip(plain, hedged))})")
PYEOF
