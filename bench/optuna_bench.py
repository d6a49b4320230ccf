"""Optuna's side of the samplers benchmark (issue 4): same problems, seeds and budgets as HyperBus.Bench.

Run with Debian's interpreter (/usr/bin/python3, optuna 3.1). Writes one JSON line per run, in the
same shape the C# bench writes, so report.py can put both side by side.
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import time

import numpy as np
import optuna

from svc_eval import svc_loss
from test_functions import ackley, levy, rosenbrock

optuna.logging.set_verbosity(optuna.logging.ERROR)


def branin(x):
    b, c, t = 5.1 / (4 * math.pi**2), 5 / math.pi, 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10


_HA = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]])
_HP = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                       [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])


def hartmann6(x):
    x = np.asarray(x)
    return -float(np.dot([1.0, 1.2, 3.0, 3.2], np.exp(-np.sum(_HA * (x - _HP) ** 2, axis=1))))


def styblinski(x):
    return 0.5 * sum(v**4 - 16 * v * v + 5 * v for v in x)


# name -> (function, lower, upper, dimension, optimum)
PROBLEMS = {
    "branin": (branin, [-5, 0], [10, 15], 2, 0.397887357729738),
    "hartmann6": (hartmann6, [0] * 6, [1] * 6, 6, -3.32236801141551),
    "rosenbrock5": (rosenbrock, [-5] * 5, [10] * 5, 5, 0.0),
    "rosenbrock10": (rosenbrock, [-5] * 10, [10] * 10, 10, 0.0),
    "ackley10": (ackley, [-32.768] * 10, [32.768] * 10, 10, 0.0),
    "levy10": (levy, [-10] * 10, [10] * 10, 10, 0.0),
    "styblinski10": (styblinski, [-5] * 10, [5] * 10, 10, -39.16616570377142 * 10),
}


def objective_for(problem):
    if problem == "svc":
        def svc(trial):
            c = trial.suggest_float("C", 1e-6, 1e6, log=True)
            gamma = trial.suggest_float("gamma", 1e-6, 1e1, log=True)
            kernel = trial.suggest_categorical("kernel", ["rbf", "poly", "sigmoid"])
            return svc_loss(c, gamma, kernel)
        return svc, 0.0
    f, lo, hi, d, opt = PROBLEMS[problem]

    def objective(trial):
        return f([trial.suggest_float(f"x{i}", lo[i], hi[i]) for i in range(d)])
    return objective, opt


def make_sampler(name, seed):
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "tpe-mv":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True)
    if name == "cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    if name == "nsga2":  # Optuna's genetic algorithm (single objective here), its default population of 50
        return optuna.samplers.NSGAIISampler(seed=seed)
    if name == "nsga2-20":  # the same with HyperBus ga/pso's population size
        return optuna.samplers.NSGAIISampler(seed=seed, population_size=20)
    raise ValueError(name)


def regret(args, out):
    for problem in args.problems.split(","):
        trials = args.svc_trials if problem == "svc" else args.trials
        objective, optimum = objective_for(problem)
        for name in args.samplers.split(","):
            for seed in range(args.seeds):
                study = optuna.create_study(sampler=make_sampler(name, seed))
                best = []
                for _ in range(trials):
                    # Define-by-run: sampling happens inside the objective's suggest_* calls, so time
                    # per suggestion is measured separately (timing mode), not here.
                    trial = study.ask()
                    value = objective(trial)
                    study.tell(trial, value)
                    best.append(min(value, best[-1]) if best else value)
                out.write(json.dumps({"library": "optuna", "sampler": name, "problem": problem, "seed": seed,
                                      "optimum": optimum, "best": best}) + "\n")
                out.flush()
                print(f"optuna {problem} {name} seed {seed}: best {best[-1]:.6g}", flush=True)


def timing(args, out):
    f, lo, hi, d, _ = PROBLEMS["rosenbrock10"]
    dists = {f"x{i}": optuna.distributions.FloatDistribution(lo[i], hi[i]) for i in range(d)}
    rng = np.random.RandomState(1)
    for n in [int(v) for v in args.history.split(",")]:
        points = [[rng.uniform(lo[i], hi[i]) for i in range(d)] for _ in range(n)]
        for name in args.samplers.split(","):
            study = optuna.create_study(sampler=make_sampler(name, 0))
            study.add_trials([optuna.trial.create_trial(params={f"x{i}": p[i] for i in range(d)}, distributions=dists,
                                                        value=f(p)) for p in points])
            times = []
            for _ in range(args.repeats + 1):
                start = time.perf_counter()
                trial = study.ask()
                for i in range(d):
                    trial.suggest_float(f"x{i}", lo[i], hi[i])
                times.append((time.perf_counter() - start) * 1000)
                # Leave it out of the history so every repeat sees the same n trials.
                study.tell(trial, state=optuna.trial.TrialState.FAIL)
            ms = statistics.median(times[1:])
            out.write(json.dumps({"library": "optuna", "sampler": name, "history": n, "ms": ms}) + "\n")
            out.flush()
            print(f"optuna timing {name} n={n}: {ms:.2f} ms", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["regret", "timing"])
    parser.add_argument("--problems", default=",".join(PROBLEMS))
    parser.add_argument("--samplers", default="random,tpe,tpe-mv,cmaes")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--svc-trials", type=int, default=200)
    parser.add_argument("--history", default="100,500,1000,2000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.out, "a", encoding="utf-8") as out:
        (regret if args.mode == "regret" else timing)(args, out)


if __name__ == "__main__":
    main()
