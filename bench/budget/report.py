"""Summarises bench/out/budget.jsonl: per method, the epochs spent until the best accuracy so far
reaches the best accuracy of random search at full budget (same seed, same trial count)."""

from __future__ import annotations

import json
import math
import statistics
import sys
from collections import defaultdict
from typing import Optional


def budget_to_target(trials: list[dict], target: float) -> Optional[int]:
    """Epochs spent (trials in the order they finished) when a trial's value first reaches the target."""
    spent = 0
    for t in trials:
        spent += t["epochs"]
        if t["value"] is not None and t["value"] >= target - 1e-12:
            return spent
    return None


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def show(value: float, digits: int = 0) -> str:
    if math.isnan(value):
        return "-"
    return "not reached" if math.isinf(value) else f"{value:.{digits}f}"


def main(path: str) -> None:
    runs = [json.loads(line) for line in open(path)]
    by = {(r["method"], r["seed"]): r for r in runs}
    seeds = sorted({r["seed"] for r in runs if r["method"] == "random-full"})
    methods = list(dict.fromkeys(r["method"] for r in runs))
    rows = defaultdict(lambda: defaultdict(list))
    for seed in seeds:
        random_trials = by[("random-full", seed)]["trials"]
        target = max(t["value"] for t in random_trials)
        random_budget = budget_to_target(random_trials, target)
        for method in methods:
            run = by.get((method, seed))
            if run is None:
                continue
            spent = budget_to_target(run["trials"], target)
            row = rows[method]
            row["budget"].append(math.inf if spent is None else spent)
            row["ratio"].append(math.inf if spent is None else spent / random_budget)
            full = sum(t["epochs"] for t in random_trials)
            row["ratio_full"].append(math.inf if spent is None else spent / full)
            row["total"].append(sum(t["epochs"] for t in run["trials"]))
            row["best"].append(max(t["value"] for t in run["trials"] if t["value"] is not None))
            row["pruned"].append(sum(t["state"] == "Pruned" for t in run["trials"]))
            row["seconds"].append(run["seconds"])
    trials = len(by[("random-full", seeds[0])]["trials"])
    print(f"{len(seeds)} seeds, {trials} trials each, budget in epochs (max 27 per trial)\n")
    print("| method | reached random's best | epochs to reach it (median) | / random's epochs to it (median) "
          "| / random's whole budget (median) "
          "| epochs spent in all (median) | best accuracy (median) | pruned trials (median) "
          "| seconds (median) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for method in methods:
        r = rows[method]
        reached = sum(not math.isinf(b) for b in r["budget"])
        print(f"| {method} | {reached}/{len(r['budget'])} | {show(median(r['budget']))} "
              f"| {show(median(r['ratio']), 2)} | {show(median(r['ratio_full']), 2)} "
              f"| {show(median(r['total']))} | {median(r['best']):.4f} "
              f"| {show(median(r['pruned']))} | {show(median(r['seconds']))} |")
    print("\nPer seed, epochs to reach random's best (random's own first):")
    for seed in seeds:
        cells = []
        for method in methods:
            b = rows[method]["budget"][seeds.index(seed)] if seed < len(rows[method]["budget"]) else math.nan
            cells.append(f"{method} {show(b)}")
        print(f"- seed {seed}: " + ", ".join(cells))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/out/budget.jsonl")
