"""Checks that Python (real_tasks.py, what the anchors see) and C# (Frontier/RealTable.cs, what HyperBus sees)
interpolate the real tasks' tables alike: 200 random configurations per task (log-uniform floats and ints, the
bounds and some grid nodes among them), evaluated on both sides, compared to 1e-9. Exits 1 on a mismatch.

    dotnet build -c Release bench/HyperBus.Bench -v q -nologo
    /usr/bin/python3 bench/frontier/check_real.py
"""
from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from pathlib import Path

import real_tasks

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "HyperBus.Bench/bin/Release/net10.0/HyperBus.Bench.dll"
POINTS, TOLERANCE = 200, 1e-9


def draw(param, grid, rng: random.Random, i: int):
    name, kind, low, high, log, _ = param
    if kind == "cat":
        return rng.choice(low)
    if i < 10:  # a bound or a node: where the cell search has its edge cases
        node = [low, high][i % 2] if i < 4 else real_tasks.decode(param, rng.choice(grid))
        return int(node) if kind == "int" else float(node)
    u = rng.random()
    if kind == "int":
        return min(max(int(math.exp(math.log(low) + u * (math.log(high + 1) - math.log(low)))), low), high)
    return math.exp(math.log(low) + u * (math.log(high) - math.log(low))) if log else low + u * (high - low)


def main() -> int:
    worst = 0.0
    for name in real_tasks.NAMES:
        table = real_tasks.RealTable(name)
        rng = random.Random(2026)
        points = [{p[0]: draw(p, g, rng, i) for p, g in real_tasks.TASKS[name]} for i in range(POINTS)]
        python = [table(p) for p in points]
        result = subprocess.run(["dotnet", str(BENCH), "real-eval", "--problem", name], check=True, text=True,
                                capture_output=True, input="\n".join(json.dumps(p) for p in points) + "\n")
        csharp = [float(line) for line in result.stdout.split()]
        if len(csharp) != POINTS:
            print(f"{name}: C# answered {len(csharp)} of {POINTS} points")
            return 1
        diff = max(abs(a - b) for a, b in zip(python, csharp))
        below = sum(v < table.minimum for v in python)
        worst = max(worst, diff)
        print(f"{name}: {POINTS} points, max |python - c#| = {diff:.3g}, values {min(python):.6g}..{max(python):.6g}, "
              f"table min {table.minimum:.6g} ({below} below it)")
    print("agree" if worst <= TOLERANCE else f"DISAGREE: {worst:.3g} > {TOLERANCE}")
    return 0 if worst <= TOLERANCE else 1


if __name__ == "__main__":
    sys.exit(main())
