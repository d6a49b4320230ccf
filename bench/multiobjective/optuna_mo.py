"""Optuna 3.1 NSGAIISampler on the same two-objective problems, seeds and budgets as HyperBus.Bench.MultiObjective."""
import argparse
import json
import math
import sys
import time

import optuna
from optuna.samplers.nsgaii import SBXCrossover, UniformCrossover


def g(x):
    return 1 + 9 * sum(x[1:]) / (len(x) - 1)


def zdt(h, n=30):
    return [0.0] * n, [1.0] * n, lambda x: [x[0], g(x) * h(x)], None


PROBLEMS = {
    "zdt1": zdt(lambda x: 1 - math.sqrt(x[0] / g(x))),
    "zdt2": zdt(lambda x: 1 - (x[0] / g(x)) ** 2),
    "zdt3": zdt(lambda x: 1 - math.sqrt(x[0] / g(x)) - x[0] / g(x) * math.sin(10 * math.pi * x[0])),
    "bnh": (
        [0.0, 0.0],
        [5.0, 3.0],
        lambda x: [4 * x[0] ** 2 + 4 * x[1] ** 2, (x[0] - 5) ** 2 + (x[1] - 5) ** 2],
        lambda x: [(x[0] - 5) ** 2 + x[1] ** 2 - 25, 7.7 - (x[0] - 8) ** 2 - (x[1] + 3) ** 2],
    ),
}


def run(problem, variant, seed, trials):
    low, high, objectives, constraints = PROBLEMS[problem]
    crossover = SBXCrossover() if variant == "nsga2-sbx" else UniformCrossover()
    constraints_func = (lambda t: t.user_attrs["c"]) if constraints else None
    sampler = optuna.samplers.NSGAIISampler(seed=seed, crossover=crossover, constraints_func=constraints_func)
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)

    def objective(trial):
        x = [trial.suggest_float(f"x{i}", low[i], high[i]) for i in range(len(low))]
        if constraints:
            trial.set_user_attr("c", constraints(x))
        return tuple(objectives(x))

    start = time.time()
    study.optimize(objective, n_trials=trials)
    done = [t for t in study.trials if t.values is not None]
    feasible = [all(c <= 0 for c in t.user_attrs["c"]) if constraints else True for t in done]
    return {
        "side": "optuna",
        "sampler": variant,
        "problem": problem,
        "seed": seed,
        "seconds": time.time() - start,
        "values": [t.values for t in done],
        "feasible": feasible,
    }


def main():
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", default="zdt1,zdt2,zdt3,bnh")
    parser.add_argument("--samplers", default="nsga2,nsga2-sbx")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--out", default="optuna_mo.jsonl")
    a = parser.parse_args()
    with open(a.out, "a", encoding="utf-8") as out:
        for problem in a.problems.split(","):
            for variant in a.samplers.split(","):
                for seed in range(a.seeds):
                    record = run(problem, variant, seed, a.trials)
                    out.write(json.dumps(record) + "\n")
                    out.flush()
                    print(f"optuna {variant} {problem} seed {seed}: {record['seconds']:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
