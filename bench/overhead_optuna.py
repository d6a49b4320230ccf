"""Optuna 3.1's orchestration overhead beside bench/overhead.sh: N trials that sleep S seconds, P at once.

Prints one JSON line: wall seconds and the overhead against the ideal N * S / P and against the ceil(N / P)
rounds of S that P threads need at the least.
Usage: /usr/bin/python3 bench/overhead_optuna.py N S P sampler(tpe|random) storage(memory|sqlite:PATH)
"""

import json
import math
import sys
import time

import optuna

n, seconds, parallel, sampler_name, storage = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
optuna.logging.set_verbosity(optuna.logging.WARNING)
sampler = optuna.samplers.TPESampler(seed=1) if sampler_name == "tpe" else optuna.samplers.RandomSampler(seed=1)
study = optuna.create_study(sampler=sampler, storage=None if storage == "memory" else storage)


def objective(trial):
    x = trial.suggest_float("x", 0, 1)
    time.sleep(seconds)
    return x


start = time.perf_counter()
study.optimize(objective, n_trials=n, n_jobs=parallel)
wall = time.perf_counter() - start
ideal = n * seconds / parallel
rounds = math.ceil(n / parallel) * seconds
print(json.dumps({"peer": f"optuna-{sampler_name}-{storage.split(':')[0]}", "wall": round(wall, 2),
                  "overhead": round(wall / ideal - 1, 4), "overheadRounds": round(wall / rounds - 1, 4)}))
