"""Turns the benchmark's JSON lines (HyperBus and Optuna) into the markdown tables of RESULTS.md."""
from __future__ import annotations

import json
import sys
from collections import defaultdict

import numpy as np

CHECKPOINTS = [25, 50, 100, 200]
ORDER = ["hyperbus/random", "hyperbus/sobol", "hyperbus/tpe", "hyperbus/tpe-mv", "hyperbus/gp", "hyperbus/cmaes",
         "hyperbus/ga", "hyperbus/pso",
         "optuna/random", "optuna/tpe", "optuna/tpe-mv", "optuna/cmaes", "optuna/nsga2", "optuna/nsga2-20"]


def load(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    return rows


def regret_tables(rows):
    runs = defaultdict(list)
    for r in rows:
        if "best" in r:
            runs[(r["problem"], f'{r["library"]}/{r["sampler"]}')].append(r)
    out = []
    problems = list(dict.fromkeys(p for p, _ in runs))
    for problem in problems:
        longest = max(len(r["best"]) for (p, _), rs in runs.items() if p == problem for r in rs)
        cps = [c for c in CHECKPOINTS if c <= longest]
        out.append(f"\n#### {problem}: simple regret, median [IQR] over seeds\n")
        out.append("| sampler | seeds | " + " | ".join(f"n={c}" for c in cps) + " |")
        out.append("|---|---|" + "---|" * len(cps))
        for key in ORDER:
            rs = runs.get((problem, key))
            if not rs:
                continue
            cells = []
            for c in cps:
                values = np.array([r["best"][c - 1] - r["optimum"] for r in rs if len(r["best"]) >= c])
                if len(values) == 0:
                    cells.append("-")
                    continue
                q1, med, q3 = np.percentile(values, [25, 50, 75])
                cells.append(f"{med:.3g} [{q1:.3g}, {q3:.3g}]")
            out.append(f"| {key} | {len(rs)} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def timing_table(rows):
    ms = {}
    for r in rows:
        if "ms" in r:
            ms[(f'{r["library"]}/{r["sampler"]}', r["history"])] = r["ms"]
    if not ms:
        return ""
    histories = sorted({h for _, h in ms})
    out = ["\n#### Time per suggestion (ms, median of repeats; Rosenbrock 10-D, n completed trials of history)\n",
           "| sampler | " + " | ".join(f"n={h}" for h in histories) + " |", "|---|" + "---|" * len(histories)]
    for key in ORDER:
        if any((key, h) in ms for h in histories):
            out.append(f"| {key} | " + " | ".join(f'{ms[(key, h)]:.2f}' if (key, h) in ms else "-" for h in histories) + " |")
    return "\n".join(out)


if __name__ == "__main__":
    data = load(sys.argv[1:])
    print(regret_tables(data))
    print(timing_table(data))
