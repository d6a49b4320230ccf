"""Where a Python worker's trial cycle goes, from its INFO log (bench/overhead.sh with HYPERBUS_BENCH_KEEP=DIR).

For each trial the worker logs "trial <id> #<n> attempt <a> (<kind>) started" when it starts training and
"trial <id> attempt <a>: TrialCompleted ..." once the broker has confirmed the outcome (then the request is
acked). Prints, for the last study in the log: start to confirmed outcome beyond the trainer's S seconds
(median, p90), and the slot time per trial outside that span (the host's round trip and the next delivery):
(P * span - sum of start-to-confirm) / N.
Usage: /usr/bin/python3 bench/overhead_cycle.py WORKER_LOG SECONDS PARALLELISM
"""

import json
import re
import statistics
import sys
from datetime import datetime

STARTED = re.compile(r"^(\S+ \S+) INFO \S+: trial (\S+) #\d+ attempt (\d+) \(\S+\) started$")
CONFIRMED = re.compile(r"^(\S+ \S+) INFO \S+: trial (\S+) attempt (\d+): TrialCompleted ")


def moment(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S,%f").timestamp()


def main(path: str, seconds: float, parallelism: int) -> None:
    started, confirmed = {}, {}
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        for pattern, into in ((STARTED, started), (CONFIRMED, confirmed)):
            found = pattern.match(line)
            if found:
                into[(found.group(2), found.group(3))] = moment(found.group(1))
    # The study measured is the last one: drop the warm-up's trials, which all ended before it began.
    keys = sorted((k for k in started if k in confirmed), key=lambda k: started[k])
    latest, cut, widest = float("-inf"), 0, 1.0  # a pause of over a second with nothing training
    for i, key in enumerate(keys):
        if i and started[key] - latest > widest:
            cut, widest = i, started[key] - latest
        latest = max(latest, confirmed[key])
    keys = keys[cut:]
    spans = [confirmed[k] - started[k] for k in keys]
    beyond = sorted(s - seconds for s in spans)
    span = max(confirmed[k] for k in keys) - min(started[k] for k in keys)
    outside = (parallelism * span - sum(spans)) / len(keys)
    print(json.dumps({
        "trials": len(keys),
        "start_to_confirmed_beyond_sleep_ms": {"median": round(1000 * statistics.median(beyond), 1),
                                               "p90": round(1000 * beyond[int(0.9 * (len(beyond) - 1))], 1)},
        "slot_ms_per_trial_outside_it": round(1000 * outside, 1)}))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3]))
