"""Tables of the harder suite (issue 21) from the JSON lines of bench/frontier.sh and bench/frontier-batch.sh.

Regret = value of the incumbent (by observed value; noiseless) minus the optimum, median [IQR] over seeds at
100 and 200 trials (and 500 for 50-D problems). Then the Done-when comparison of `auto` against the anchors
and, for batch runs (samplers named "x@p8"), each sampler's batch regret against its sequential regret.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict

import numpy as np

ANCHORS = ["optuna/random", "optuna/tpe", "optuna/tpe-mv", "optuna/cmaes", "deap/ga", "pyswarms/pso"]


def load(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    return rows


def checkpoints(length):
    return [c for c in (100, 200, 500) if c <= length]


def regrets(rows):
    """(problem, library/sampler) -> checkpoint -> regrets over seeds."""
    out = defaultdict(lambda: defaultdict(list))
    for r in rows:
        for c in checkpoints(len(r["best"])):
            out[(r["problem"], f'{r["library"]}/{r["sampler"]}')][c].append(r["best"][c - 1] - r["optimum"])
    return out


def cell(values):
    q1, med, q3 = np.percentile(values, [25, 50, 75])
    return f"{med:.3g} [{q1:.3g}, {q3:.3g}]"


def tables(data):
    lines = []
    problems = list(dict.fromkeys(p for p, _ in data))
    for problem in problems:
        keys = sorted((k for p, k in data if p == problem), key=lambda k: (not k.startswith("hyperbus"), k))
        cps = sorted({c for k in keys for c in data[(problem, k)]})
        lines.append(f"\n#### {problem}: regret, median [IQR] over seeds\n")
        lines.append("| sampler | seeds | " + " | ".join(f"n={c}" for c in cps) + " |")
        lines.append("|---|---|" + "---|" * len(cps))
        for k in keys:
            d = data[(problem, k)]
            seeds = max(len(v) for v in d.values())
            lines.append(f"| {k} | {seeds} | " + " | ".join(cell(d[c]) if c in d else "-" for c in cps) + " |")
    return "\n".join(lines)


def compare(a, b):
    """yes / no / tie (within 0.1 %, e.g. both on the same local optimum)."""
    if abs(a - b) <= 1e-3 * max(abs(a), abs(b), 1e-12):
        return "tie"
    return "yes" if a < b else "no"


def verdict(data):
    lines = ["\n#### auto against the anchors (medians; ratio = auto / best anchor)\n",
             "| problem | n | auto | best anchor | ratio | optuna/tpe | auto better than tpe |", "|---|---|---|---|---|---|---|"]
    problems = list(dict.fromkeys(p for p, k in data if k == "hyperbus/auto"))
    for problem in problems:
        auto = data[(problem, "hyperbus/auto")]
        for c in sorted(auto):
            medians = {a: float(np.median(data[(problem, a)][c])) for a in ANCHORS if c in data.get((problem, a), {})}
            if not medians:
                continue
            best = min(medians, key=medians.get)
            a = float(np.median(auto[c]))
            tpe = medians.get("optuna/tpe")
            ratio = a / medians[best] if medians[best] > 0 else float("inf") if a > 0 else 1.0
            lines.append(f"| {problem} | {c} | {a:.3g} | {best} {medians[best]:.3g} | {ratio:.2f} | "
                         f"{'-' if tpe is None else f'{tpe:.3g}'} | {'-' if tpe is None else compare(a, tpe)} |")
    return "\n".join(lines)


def batch(data):
    lines = []
    for (problem, key), d in sorted(data.items()):
        if "@p" not in key:
            continue
        base = data.get((problem, key.split("@")[0]))
        if not base:
            continue
        if not lines:
            lines = ["\n#### Batch against sequential at equal trials (medians; loss = batch / sequential - 1)\n",
                     "| problem | sampler | n | sequential | batch | loss |", "|---|---|---|---|---|---|"]
        for c in sorted(d):
            if c in base:
                s, b = float(np.median(base[c])), float(np.median(d[c]))
                loss = b / s - 1 if s > 0 else float("nan")
                lines.append(f"| {problem} | {key} | {c} | {s:.3g} | {b:.3g} | {loss:+.0%} |")
    return "\n".join(lines)


if __name__ == "__main__":
    data = regrets(load(sys.argv[1:]))
    print(tables(data))
    print(verdict(data))
    print(batch(data))
