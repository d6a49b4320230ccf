#!/usr/bin/env bash
# Soak test: one long study over a private RabbitMQ node while worker processes are SIGKILLed and
# replaced at random and the host is SIGKILLed and restarted once. Reports trials lost and counted twice
# (both must be 0) and the throughput under those faults, read from the host's SQLite store.
#   bash bench/soak.sh [trials=10000] [workers=4] [kill-every-seconds=2]
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-10000}
workers=${2:-4}
every=${3:-2}
out=$(mktemp -d /tmp/hyperbus-soak.XXXXXX)
dotnet build src/HyperBus.Cli -c Release -nologo -v q >/dev/null
hb="dotnet src/HyperBus.Cli/bin/Release/net10.0/hyperbus.dll"
source tests/rabbitmq-node.sh
rabbit_start >/dev/null
declare -A worker_pids=()
host_pid=""
cleanup() {
  for p in "${worker_pids[@]}" $host_pid; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rabbit_stop
  rm -rf "$out"
}
trap cleanup EXIT

ctl() { HOME="$HYPERBUS_TEST_RABBITMQ_HOME" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$HYPERBUS_TEST_RABBITMQ_NODE" "$@"; }
ctl add_vhost soak && ctl set_permissions -p soak guest '.*' '.*' '.*'
url="${HYPERBUS_TEST_RABBITMQ}soak"
db="$out/soak.db"

start_host() { $hb host --transport rabbitmq --rabbitmq "$url" --storage "$db" >>"$out/host.log" 2>&1 & host_pid=$!; }
start_worker() { $hb worker --transport rabbitmq --rabbitmq "$url" --trainer noop --concurrency 25 >>"$out/worker-$1.log" 2>&1 & worker_pids[$1]=$!; }

# Reads the store: total, distinct numbers, states, trials with a second attempt, trials completed twice.
census() {
  /usr/bin/python3 - "$db" "$trials" <<'PY'
import json, sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
row = c.execute("SELECT id, status FROM studies WHERE name = 'soak'").fetchone()
if row is None:
    print(json.dumps({"status": "missing"})); sys.exit()
sid, status = row
states = dict(c.execute("SELECT state, COUNT(*) FROM trials WHERE study_id = ? GROUP BY state", (sid,)).fetchall())
numbers = [r[0] for r in c.execute("SELECT number FROM trials WHERE study_id = ?", (sid,))]
retried = c.execute("SELECT COUNT(*) FROM trials WHERE study_id = ? AND attempt > 1", (sid,)).fetchone()[0]
twice = c.execute("""SELECT COUNT(*) FROM (SELECT a.trial_id FROM trial_attempts a JOIN trials t ON t.id = a.trial_id
                     WHERE t.study_id = ? AND a.state = 'Completed' GROUP BY a.trial_id HAVING COUNT(*) > 1)""", (sid,)).fetchone()[0]
final = sum(v for k, v in states.items() if k != "Running")
print(json.dumps({"status": status, "trials": len(numbers), "distinct": len(set(numbers)),
                  "missingNumbers": len(set(range(n)) - set(numbers)) if status != "Running" else None,
                  "states": states, "final": final, "retried": retried, "completedTwice": twice}))
PY
}

start_host
for i in $(seq 1 "$workers"); do start_worker "$i"; done
sleep 8
cat >"$out/soak.yaml" <<SPEC
study: soak
trials: $trials
parallelism: 100
trialTimeoutSeconds: 10
maxAttempts: 5
sampler: { type: random, seed: 7 }
trainer: noop
fixed: { seconds: 0.05 }
space: { x: { type: float, low: 0, high: 1 } }
SPEC
started=$(date +%s.%N)
$hb submit "$out/soak.yaml" --transport rabbitmq --rabbitmq "$url" >/dev/null
kills=0; host_restarts=0; RANDOM=7
while true; do
  sleep "$every"
  state=$(census)
  echo "$state" | grep -qE '"status": "(Running|missing)"' || break
  final=$(echo "$state" | sed -E 's/.*"final": ([0-9]+).*/\1/')
  if [ "$host_restarts" = 0 ] && [ "${final:-0}" -ge $((trials / 2)) ]; then
    kill -9 "$host_pid"; wait "$host_pid" 2>/dev/null || true; sleep 2; start_host; host_restarts=1
    echo "host killed and restarted at $final trials" >&2
  else
    victim=$((RANDOM % workers + 1))
    kill -9 "${worker_pids[$victim]}"; wait "${worker_pids[$victim]}" 2>/dev/null || true; start_worker "$victim"
    kills=$((kills + 1))
  fi
done
ended=$(date +%s.%N)
state=$(census)
/usr/bin/python3 - "$state" "$trials" "$started" "$ended" "$kills" "$host_restarts" <<'PY'
import json, sys
s = json.loads(sys.argv[1]); n = int(sys.argv[2]); seconds = float(sys.argv[4]) - float(sys.argv[3])
lost = (n - s["distinct"]) + s["states"].get("Running", 0)
print(json.dumps({"trials": n, "status": s["status"], "completed": s["states"].get("Completed", 0),
                  "failed": s["states"].get("Failed", 0), "lost": lost, "countedTwice": s["completedTwice"] + (s["trials"] - s["distinct"]),
                  "retried": s["retried"], "workerKills": int(sys.argv[5]), "hostRestarts": int(sys.argv[6]),
                  "seconds": round(seconds, 1), "trialsPerSecond": round(n / seconds, 1)}))
PY
