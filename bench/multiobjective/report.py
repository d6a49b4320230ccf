"""Scores both sides' runs with the same code: hypervolume of the feasible non-dominated trials after k trials."""
import json
import math
import statistics
import sys

# (11, 11) for the 30-variable ZDT problems: at these budgets g(x) is still far above 1, so (1.1, 1.1) would score 0 for everyone.
REFERENCE = {"zdt1": (11.0, 11.0), "zdt2": (11.0, 11.0), "zdt3": (11.0, 11.0), "bnh": (140.0, 50.0)}


def hypervolume(points, ref):
    inside = sorted(p for p in points if p[0] < ref[0] and p[1] < ref[1])
    volume, last = 0.0, ref[1]
    for f1, f2 in inside:
        if f2 < last:
            volume += (ref[0] - f1) * (last - f2)
            last = f2
    return volume


def true_front(problem, n=20001):
    """Points of the known Pareto front (sampled), for the best reachable hypervolume."""
    xs = [i / (n - 1) for i in range(n)]
    if problem == "zdt1":
        return [(x, 1 - math.sqrt(x)) for x in xs]
    if problem == "zdt2":
        return [(x, 1 - x * x) for x in xs]
    if problem == "zdt3":
        return [(x, 1 - math.sqrt(x) - x * math.sin(10 * math.pi * x)) for x in xs]
    if problem == "bnh":
        pts = [(3 * x, 3 * x) for x in xs] + [(3 + 2 * x, 3.0) for x in xs]
        return [(4 * a * a + 4 * b * b, (a - 5) ** 2 + (b - 5) ** 2) for a, b in pts]
    raise ValueError(problem)


def quantiles(values):
    values = sorted(values)
    if len(values) < 2:
        return values[0], values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[1], q[0], q[2]


def main(paths):
    runs = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            runs.extend(json.loads(line) for line in f if line.strip())
    problems = sorted({r["problem"] for r in runs}, key=list(REFERENCE).index)
    trials = min(len(r["values"]) for r in runs)
    budgets = sorted({trials // 4, trials // 2, trials})
    for problem in problems:
        ref = REFERENCE[problem]
        best = hypervolume(true_front(problem), ref)
        print(f"\n### {problem} (reference point {ref}, true front's hypervolume {best:.4f})\n")
        print("| sampler | seeds | " + " | ".join(f"HV at n={b}" for b in budgets) + " | gap to optimum at n=%d | seconds/run |" % budgets[-1])
        print("|---" * (len(budgets) + 4) + "|")
        groups = sorted({(r["side"], r["sampler"]) for r in runs if r["problem"] == problem})
        for side, sampler in groups:
            rs = [r for r in runs if r["problem"] == problem and r["side"] == side and r["sampler"] == sampler]
            cells = []
            final = []
            for b in budgets:
                hvs = [hypervolume([tuple(v) for v, ok in zip(r["values"][:b], r["feasible"][:b]) if ok and v is not None], ref) for r in rs]
                med, lo, hi = quantiles(hvs)
                cells.append(f"{med:.4f} [{lo:.4f}, {hi:.4f}]")
                final = hvs
            seconds = statistics.median(r["seconds"] for r in rs)
            print(f"| {side}/{sampler} | {len(rs)} | " + " | ".join(cells) + f" | {best - statistics.median(final):.4f} | {seconds:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
