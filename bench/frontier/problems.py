"""The harder suite's problems (issue 21), defined exactly as bench/HyperBus.Bench/FrontierProblems.cs defines them.

A problem is a list of parameters (name, kind, domain, condition) and an objective over a dict of
active values. Noisy problems add Gaussian noise to what the sampler sees; `truth` is the noiseless value
the regret is measured on.
"""
from __future__ import annotations

import math
import random
import sys
from pathlib import Path

import numpy as np

# The standard functions live beside the first suite's bench, one level up.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_functions import ackley, levy, rosenbrock  # noqa: E402

import real_tasks  # noqa: E402  (beside this file: the tabulated real tasks)

_H6A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]])
_H6P = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                        [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])
_H3A = np.array([[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]])
_H3P = 1e-4 * np.array([[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]])
_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])
HARTMANN6_MIN = -3.32236801141551
HARTMANN3_MIN = -3.86278214782076
# Hartmann6 spans [-3.32, 0] over the unit cube, so "5 % of the range" is 0.05 * 3.32.
HARTMANN6_RANGE = 3.32236801141551

CHOICES = ["a", "b", "c", "d", "e"]
MIXED_PENALTY = [[1.0, 0.0, 2.0, 0.5, 3.0], [0.5, 2.0, 0.0, 1.0, 1.5], [3.0, 1.0, 0.5, 2.0, 0.0]]
MIXED_SHIFT = [1.0, -2.0, 0.5, 3.0]
MIXED_TARGET = [3, 12, 17]


def hartmann6(x):
    x = np.asarray(x[:6])
    return -float(np.dot(_ALPHA, np.exp(-np.sum(_H6A * (x - _H6P) ** 2, axis=1))))


def hartmann3(x):
    x = np.asarray(x)
    return -float(np.dot(_ALPHA, np.exp(-np.sum(_H3A * (x - _H3P) ** 2, axis=1))))


def mixed(p):
    cont = sum((p[f"x{i}"] - MIXED_SHIFT[i]) ** 2 for i in range(4))
    ints = sum(abs(p[f"n{j}"] - MIXED_TARGET[j]) * 0.5 for j in range(3))
    cat = sum(MIXED_PENALTY[k][CHOICES.index(p[f"c{k}"])] for k in range(3))
    return (1 + cat) * (1 + cont) + ints - 1


def conditional(p):
    branch = p["branch"]
    if branch == "quad":
        return 0.5 + (p["a0"] - 1) ** 2 + (p["a1"] + 1) ** 2
    if branch == "hart":
        return hartmann3([p["h0"], p["h1"], p["h2"]]) - HARTMANN3_MIN
    return 0.3 + abs(p["k"] - 37) / 10 + (p["z"] - 0.2) ** 2


class Problem:
    """params: list of (name, kind, low_or_choices, high, log, condition {parent: value} or None)."""

    def __init__(self, name, params, truth, optimum, noise=0.0):
        self.name, self.params, self.truth, self.optimum, self.noise = name, params, truth, optimum, noise

    def observe(self, values, rng: random.Random):
        value = self.truth(values)
        return value + rng.gauss(0, self.noise) if self.noise else value


def _box(prefix, d, low, high):
    return [(f"{prefix}{i}", "float", low, high, False, None) for i in range(d)]


def _vector(f, d):
    return lambda p: f([p[f"x{i}"] for i in range(d)])


def make(name: str) -> Problem:
    if name == "ackley20":
        return Problem(name, _box("x", 20, -32.768, 32.768), _vector(ackley, 20), 0.0)
    if name == "rosenbrock20":
        return Problem(name, _box("x", 20, -5, 10), _vector(rosenbrock, 20), 0.0)
    if name == "levy50":
        return Problem(name, _box("x", 50, -10, 10), _vector(levy, 50), 0.0)
    if name == "hartmann6-50":
        return Problem(name, _box("x", 50, 0, 1), _vector(hartmann6, 50), HARTMANN6_MIN)
    if name in ("hartmann6-noise5", "hartmann6-noise20"):
        share = 0.05 if name.endswith("5") else 0.20
        return Problem(name, _box("x", 6, 0, 1), _vector(hartmann6, 6), HARTMANN6_MIN, noise=share * HARTMANN6_RANGE)
    if name == "mixed":
        params = _box("x", 4, -5, 5) + [(f"n{j}", "int", 0, 20, False, None) for j in range(3)]
        params += [(f"c{k}", "cat", CHOICES, None, False, None) for k in range(3)]
        return Problem(name, params, mixed, 0.0)
    if name == "conditional3":
        params = [("branch", "cat", ["quad", "hart", "ints"], None, False, None),
                  ("a0", "float", -5, 5, False, {"branch": "quad"}), ("a1", "float", -5, 5, False, {"branch": "quad"}),
                  ("h0", "float", 0, 1, False, {"branch": "hart"}), ("h1", "float", 0, 1, False, {"branch": "hart"}),
                  ("h2", "float", 0, 1, False, {"branch": "hart"}),
                  ("k", "int", 0, 50, False, {"branch": "ints"}), ("z", "float", 0, 1, False, {"branch": "ints"})]
        return Problem(name, params, conditional, 0.0)
    if name in real_tasks.NAMES:
        table = real_tasks.RealTable(name)
        return Problem(name, table.params, table, table.minimum)
    raise ValueError(f"unknown problem {name}")


def active(param, values):
    cond = param[5]
    return cond is None or all(values.get(k) == v for k, v in cond.items())


def decode_unit(problem: Problem, u) -> dict:
    """A point of [0, 1]^k (one coordinate per parameter) as a configuration: what GA and PSO search.

    Log-scaled parameters are uniform in the log: a float at exp(log low + u (log high - log low)), an int at the floor
    of exp(log low + u (log(high + 1) - log low)), so each integer v keeps the share [log v, log(v + 1)).
    """
    values = {}
    for (name, kind, low, high, _log, _cond), ui in zip(problem.params, u):
        ui = min(max(float(ui), 0.0), 1.0)
        if not active((name, kind, low, high, _log, _cond), values):
            continue
        if kind == "float" and _log:
            values[name] = min(max(math.exp(math.log(low) + ui * (math.log(high) - math.log(low))), low), high)
        elif kind == "float":
            values[name] = low + ui * (high - low)
        elif kind == "int" and _log:
            values[name] = min(max(int(math.exp(math.log(low) + ui * (math.log(high + 1) - math.log(low)))), low), high)
        elif kind == "int":
            values[name] = min(int(low + ui * (high - low + 1)), high)
        else:
            values[name] = low[min(int(ui * len(low)), len(low) - 1)]
    return values
