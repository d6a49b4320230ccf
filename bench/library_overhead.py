"""Optuna's side of the library per-trial cost benchmark (issue 16): study.optimize in memory with RandomSampler.

Run with Debian's interpreter (/usr/bin/python3, optuna 3.1). The same trivial objective as
bench/HyperBus.Bench.Library, a warm-up study first, then `repeats` fresh studies, one JSON line each on stdout.
"""
from __future__ import annotations

import argparse
import json
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)


def objective(trial: optuna.Trial) -> float:
    x = trial.suggest_float("x", -10, 10)
    y = trial.suggest_float("y", -10, 10)
    return x * x + y * y


def run(trials: int, seed: int) -> None:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=seed), direction="minimize")
    study.optimize(objective, n_trials=trials)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=500)
    args = parser.parse_args()
    run(args.warmup, args.seed)
    for _ in range(args.repeats):
        start = time.perf_counter()
        run(args.trials, args.seed)
        seconds = time.perf_counter() - start
        print(json.dumps({"library": "optuna", "store": "memory", "sampler": "random", "trials": args.trials,
                          "seconds": seconds, "ms_per_trial": seconds * 1000 / args.trials}), flush=True)


if __name__ == "__main__":
    main()
