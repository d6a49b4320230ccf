"""The anchors of the harder suite (issue 21): Optuna 3.1 (random, TPE, multivariate TPE, CMA-ES), DEAP's GA and
pyswarms' PSO on bench/frontier/problems.py, one JSON line per run in the shape HyperBus.Bench writes.

Run with Debian's interpreter: /usr/bin/python3 (apt-get install python3-optuna python3-deap python3-pyswarms).
"best" is, after each trial, the noiseless value of the trial with the best observed value so far.
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import time

import numpy as np
import optuna

import problems as suite

optuna.logging.set_verbosity(optuna.logging.ERROR)
logging.getLogger("pyswarms").setLevel(logging.ERROR)
POPULATION = 20  # GA and PSO: the population of HyperBus ga and pso


class Recorder:
    """Counts evaluations, keeps the incumbent by observed value and its noiseless value."""

    def __init__(self, problem, budget, seed):
        self.problem, self.budget = problem, budget
        self.rng = random.Random(1_000_003 * seed + 17)
        self.best_seen, self.best_truth, self.trace = float("inf"), float("inf"), []

    def evaluate(self, values):
        truth = self.problem.truth(values)
        seen = truth + self.rng.gauss(0, self.problem.noise) if self.problem.noise else truth
        if len(self.trace) < self.budget:
            if seen < self.best_seen:
                self.best_seen, self.best_truth = seen, truth
            self.trace.append(self.best_truth)
        return seen

    @property
    def done(self):
        return len(self.trace) >= self.budget


def run_optuna(problem, name, seed, budget):
    sampler = {"random": lambda: optuna.samplers.RandomSampler(seed=seed),
               "tpe": lambda: optuna.samplers.TPESampler(seed=seed),
               "tpe-mv": lambda: optuna.samplers.TPESampler(seed=seed, multivariate=True, group=True),
               "cmaes": lambda: optuna.samplers.CmaEsSampler(seed=seed)}[name]()
    study = optuna.create_study(sampler=sampler)
    rec = Recorder(problem, budget, seed)
    for _ in range(budget):
        trial = study.ask()
        values = {}
        for p in problem.params:
            pname, kind, low, high, log, _ = p
            if not suite.active(p, values):
                continue
            if kind == "float":
                values[pname] = trial.suggest_float(pname, low, high, log=log)
            elif kind == "int":
                values[pname] = trial.suggest_int(pname, low, high, log=log)
            else:
                values[pname] = trial.suggest_categorical(pname, low)
        study.tell(trial, rec.evaluate(values))
    return rec.trace


def run_ga(problem, seed, budget):
    from deap import base, creator, tools

    if not hasattr(creator, "FitnessMin"):
        creator.create("FitnessMin", base.Fitness, weights=(-1.0,))
        creator.create("Individual", list, fitness=creator.FitnessMin)
    rng = random.Random(seed)
    random.seed(seed)  # deap's operators draw from the module-level generator
    k = len(problem.params)
    rec = Recorder(problem, budget, seed)
    toolbox = base.Toolbox()
    toolbox.register("mate", tools.cxSimulatedBinaryBounded, low=0.0, up=1.0, eta=20.0)
    toolbox.register("mutate", tools.mutPolynomialBounded, low=0.0, up=1.0, eta=20.0, indpb=1.0 / k)
    toolbox.register("select", tools.selTournament, tournsize=3)

    def evaluate(ind):
        ind.fitness.values = (rec.evaluate(suite.decode_unit(problem, ind)),)

    population = [creator.Individual(rng.random() for _ in range(k)) for _ in range(POPULATION)]
    for ind in population:
        evaluate(ind)
    while not rec.done:
        offspring = [creator.Individual(ind) for ind in toolbox.select(population, len(population))]
        for a, b in zip(offspring[::2], offspring[1::2]):
            if random.random() < 0.9:
                toolbox.mate(a, b)
        for ind in offspring:
            toolbox.mutate(ind)
        for ind in offspring:
            if rec.done:
                break
            evaluate(ind)
        # Elitism: the best parent survives, as in HyperBus ga.
        evaluated = [ind for ind in offspring if ind.fitness.valid]
        best_parent = min(population, key=lambda i: i.fitness.values[0])
        population = sorted(evaluated, key=lambda i: i.fitness.values[0])[:POPULATION - 1] + [best_parent]
    return rec.trace


def run_pso(problem, seed, budget):
    import pyswarms as ps

    np.random.seed(seed)
    k = len(problem.params)
    rec = Recorder(problem, budget, seed)

    def objective(swarm):
        return np.array([rec.evaluate(suite.decode_unit(problem, x)) for x in swarm])

    optimizer = ps.single.GlobalBestPSO(n_particles=POPULATION, dimensions=k, options={"c1": 0.5, "c2": 0.3, "w": 0.9},
                                        bounds=(np.zeros(k), np.ones(k)))
    optimizer.optimize(objective, iters=-(-budget // POPULATION), verbose=False)
    return rec.trace


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", required=True)
    parser.add_argument("--samplers", default="random,tpe,tpe-mv,cmaes,ga,pso")
    parser.add_argument("--seeds", default="0-19", help="a range a-b or a list")
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--trials-50d", type=int, default=500)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    seeds = range(int(args.seeds.split("-")[0]), int(args.seeds.split("-")[1]) + 1) if "-" in args.seeds \
        else [int(s) for s in args.seeds.split(",")]
    with open(args.out, "a", encoding="utf-8") as out:
        for seed in seeds:
            for name in args.problems.split(","):
                problem = suite.make(name)
                budget = args.trials_50d if "50" in name.split("-")[0] or name.endswith("-50") else args.trials
                for sampler in args.samplers.split(","):
                    started = time.process_time()
                    if sampler == "ga":
                        trace = run_ga(problem, seed, budget)
                    elif sampler == "pso":
                        trace = run_pso(problem, seed, budget)
                    else:
                        trace = run_optuna(problem, sampler, seed, budget)
                    library = "optuna" if sampler in ("random", "tpe", "tpe-mv", "cmaes") else {"ga": "deap", "pso": "pyswarms"}[sampler]
                    out.write(json.dumps({"library": library, "sampler": sampler, "problem": name, "seed": seed,
                                          "optimum": problem.optimum, "best": trace,
                                          "cpu_seconds": time.process_time() - started}) + "\n")
                    out.flush()
                    print(f"{library}/{sampler} {name} seed {seed}: {trace[-1] - problem.optimum:.4g} "
                          f"({time.process_time() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
