"""The suite's three real tuning tasks (issue 21), tabulated: real cross-validated losses on a grid of each task's
space (bench/frontier/tables/<task>.csv, built once by real_tables.py), and between the nodes a multilinear
interpolation in the encoded coordinates (log10 for log-scaled parameters, the value itself for ints, categoricals
exact). bench/HyperBus.Bench/Frontier/RealTable.cs computes the same interpolation for HyperBus.

Multilinear interpolation is linear along each axis inside a cell, so its minimum over the space is attained at a
grid node: the table's minimum is the exact optimum and regret = value - table minimum.
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

TABLES = Path(__file__).resolve().parent / "tables"


def _steps(low, high, step):
    n = round((high - low) / step)
    return [low + i * step for i in range(n + 1)]


# name -> parameters (problems.py's tuples: name, kind, low, high, log, condition) and the grid nodes of each,
# in the encoded coordinate (log10 of the value for log floats, integer nodes for ints, the choices for categoricals).
TASKS = {
    "svc-digits": [
        (("C", "float", 1e-2, 1e4, True, None), _steps(-2.0, 4.0, 0.25)),
        (("gamma", "float", 1e-5, 1.0, True, None), _steps(-5.0, 0.0, 0.25)),
    ],
    "boost-cancer": [
        (("learning_rate", "float", 1e-3, 1.0, True, None), _steps(-3.0, 0.0, 0.5)),
        (("max_leaf_nodes", "int", 2, 64, True, None), [2, 4, 8, 16, 32, 64]),
        (("min_samples_leaf", "int", 1, 64, True, None), [1, 2, 4, 8, 16, 32, 64]),
        (("l2_regularization", "float", 1e-4, 10.0, True, None), _steps(-4.0, 1.0, 1.0)),
    ],
    "mlp-digits": [
        (("hidden", "int", 8, 128, True, None), [8, 16, 32, 64, 128]),
        (("alpha", "float", 1e-5, 1.0, True, None), _steps(-5.0, 0.0, 0.5)),
        (("learning_rate_init", "float", 1e-4, 1e-1, True, None), _steps(-4.0, -1.0, 0.5)),
        (("activation", "cat", ["relu", "tanh"], None, False, None), ["relu", "tanh"]),
    ],
}
NAMES = list(TASKS)


def encode(param, value):
    """The table coordinate of a parameter's value."""
    _name, kind, _low, _high, log, _cond = param
    if kind == "cat":
        return value
    return math.log10(value) if kind == "float" and log else float(value)


def decode(param, node):
    """The parameter value of a grid node (what the model is built with)."""
    _name, kind, _low, _high, log, _cond = param
    if kind == "cat":
        return node
    if kind == "int":
        return int(node)
    return 10.0 ** node if log else float(node)


class RealTable:
    """A task's table: axes of nodes (in file order) and the loss at every node, last axis fastest."""

    def __init__(self, name: str, path: Path | None = None):
        self.name = name
        self.params = [p for p, _ in TASKS[name]]
        rows = []
        with open(path or TABLES / f"{name}.csv", encoding="utf-8") as f:
            reader = csv.reader(line for line in f if not line.startswith("#"))
            header = next(reader)
            if header[:len(self.params)] != [p[0] for p in self.params] or header[len(self.params)] != "loss":
                raise ValueError(f"{name}: unexpected columns {header}")
            rows = list(reader)
        self.axes = []
        for j, p in enumerate(self.params):
            seen = list(dict.fromkeys(r[j] for r in rows))
            self.axes.append(seen if p[1] == "cat" else [float(s) for s in seen])
        self.values = [float(r[len(self.params)]) for r in rows]
        if len(self.values) != math.prod(len(a) for a in self.axes):
            raise ValueError(f"{name}: {len(self.values)} rows is not a full grid")
        self.minimum = min(self.values)

    def __call__(self, values: dict) -> float:
        """Multilinear interpolation at a configuration: a cell and a weight per numeric axis, a node per categorical."""
        lower, weights = [], []
        for p, axis in zip(self.params, self.axes):
            if p[1] == "cat":
                lower.append(axis.index(values[p[0]]))
                weights.append(None)
                continue
            x = min(max(encode(p, values[p[0]]), axis[0]), axis[-1])
            i = 0
            while i < len(axis) - 2 and axis[i + 1] <= x:
                i += 1
            lower.append(i)
            weights.append((x - axis[i]) / (axis[i + 1] - axis[i]))
        numeric = [j for j, w in enumerate(weights) if w is not None]
        total = 0.0
        for corner in range(1 << len(numeric)):
            index, weight = lower[:], 1.0
            for b, j in enumerate(numeric):
                if corner >> b & 1:
                    index[j] += 1
                    weight *= weights[j]
                else:
                    weight *= 1.0 - weights[j]
            flat = 0
            for j, axis in enumerate(self.axes):
                flat = flat * len(axis) + index[j]
            total += weight * self.values[flat]
        return total
