"""Tables for bench/RESULTS.md: per problem and trial count, the median importances of each side, their L1
distance to the true normalised main effects, and the median time per evaluation.

Usage: report.py TRUTH.json RESULTS.jsonl...
"""
import collections
import json
import statistics
import sys


def main():
    truth = json.load(open(sys.argv[1]))
    runs = collections.defaultdict(list)
    for path in sys.argv[2:]:
        for line in open(path):
            r = json.loads(line)
            problem, n, _ = r["file"][:-4].split("-")
            runs[(problem, int(n[1:]), r["side"])].append(r)
    print("| problem | trials | side | median importances (x0, x1, ...) | true | L1 error median [max] | ms median |")
    print("|---|---|---|---|---|---|---|")
    for (problem, n, side), rs in sorted(runs.items()):
        names = sorted(truth[problem])
        medians = [statistics.median(r["importances"].get(k, 0.0) for r in rs) for k in names]
        errors = [sum(abs(r["importances"].get(k, 0.0) - truth[problem][k]) for k in names) for r in rs]
        print(f"| {problem} | {n} | {side} | {', '.join(f'{m:.3f}' for m in medians)} | "
              f"{', '.join(f'{truth[problem][k]:.3f}' for k in names)} | {statistics.median(errors):.3f} [{max(errors):.3f}] | "
              f"{statistics.median(r['ms'] for r in rs):.0f} |")


if __name__ == "__main__":
    main()
