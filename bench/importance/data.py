"""Writes the importance benchmark's data sets and their true importances.

Each problem is a function on the unit cube whose first-order Sobol indices (the variance of each input's
main effect over the total) are known in closed form; normalised to sum to 1 they are what fANOVA estimates.
Usage: data.py OUT_DIR N[,N...] SEEDS
"""
import json
import math
import sys

import numpy as np


def ishigami(u):
    x = -math.pi + 2 * math.pi * u
    return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_truth():
    a, b = 7.0, 0.1
    v1 = 0.5 * (1 + b * math.pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    return [v1, v2, 0.0]


def dominant(u):
    a, b = -5 + 10 * u[:, 0], -5 + 10 * u[:, 1]
    return 10 * a ** 2 + 5 * b + 0 * u[:, 2] + 0 * u[:, 3]


def dominant_truth():
    var_a2 = 625 / 5 - (25 / 3) ** 2          # Var(a^2) for a uniform on [-5, 5]
    return [100 * var_a2, 25 * 100 / 12, 0.0, 0.0]


def linear(u):
    return u @ np.array([5.0, 4.0, 3.0, 2.0, 1.0])


def linear_truth():
    return [w * w / 12 for w in [5.0, 4.0, 3.0, 2.0, 1.0]]


PROBLEMS = {"ishigami": (3, ishigami, ishigami_truth), "dominant": (4, dominant, dominant_truth),
            "linear": (5, linear, linear_truth)}


def main():
    out, sizes, seeds = sys.argv[1], [int(n) for n in sys.argv[2].split(",")], int(sys.argv[3])
    truth = {}
    for name, (dims, f, exact) in PROBLEMS.items():
        v = exact()
        truth[name] = {f"x{i}": vi / sum(v) for i, vi in enumerate(v)}
        for n in sizes:
            for seed in range(seeds):
                u = np.random.default_rng(seed).random((n, dims))
                y = f(u)
                with open(f"{out}/{name}-n{n}-seed{seed}.csv", "w") as handle:
                    handle.write(",".join([f"x{i}" for i in range(dims)] + ["y"]) + "\n")
                    for row, value in zip(u, y):
                        handle.write(",".join(repr(float(c)) for c in row) + f",{float(value)!r}\n")
    with open(f"{out}/truth.json", "w") as handle:
        json.dump(truth, handle, indent=1)


if __name__ == "__main__":
    main()
