"""Optuna 3.1's default parameter importances (FanovaImportanceEvaluator) on the benchmark's CSV files.

Usage: optuna_importance.py OUT.jsonl FILE.csv...  (one JSON line per file, like HyperBus.Bench.Importance)
"""
import json
import os
import sys
import time

import optuna
from optuna.distributions import FloatDistribution
from optuna.importance import FanovaImportanceEvaluator, get_param_importances

optuna.logging.set_verbosity(optuna.logging.WARNING)


def main():
    with open(sys.argv[1], "w") as out:
        for path in sys.argv[2:]:
            with open(path) as handle:
                names = handle.readline().strip().split(",")[:-1]
                rows = [[float(v) for v in line.split(",")] for line in handle if line.strip()]
            seed = int(os.path.basename(path).rsplit("-seed", 1)[1].split(".")[0])
            study = optuna.create_study()
            distributions = {n: FloatDistribution(0.0, 1.0) for n in names}
            study.add_trials([optuna.trial.create_trial(params=dict(zip(names, r[:-1])), distributions=distributions, value=r[-1])
                              for r in rows])
            start = time.perf_counter()
            importances = get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=seed))
            ms = (time.perf_counter() - start) * 1000
            out.write(json.dumps({"side": "optuna", "file": os.path.basename(path), "importances": dict(importances), "ms": ms}) + "\n")
            out.flush()
            print(f"optuna {os.path.basename(path)}: {ms:.0f} ms", file=sys.stderr)


if __name__ == "__main__":
    main()
