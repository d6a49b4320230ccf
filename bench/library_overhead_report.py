"""Summarises bench/out/library-overhead.jsonl (bench/library-overhead.sh): medians and means per side and the issue 16 goals.

A study's figure is its time divided by its trials. The median over studies hides a collection that falls in only some
of them; the mean over back-to-back studies (their total time over their total trials) counts it, so a short study
that leaves its garbage to the next one is charged for it on average. The goals are judged on that mean; the settled
median (a full collection before each study, so a 1,000-trial study pays none) is printed as the strict view.
"""
from __future__ import annotations

import json
import statistics
import sys


def main(path: str) -> None:
    runs = [json.loads(line) for line in open(path, encoding="utf-8")]
    groups: dict[tuple[str, str, str, int], list[dict]] = {}
    for r in runs:
        groups.setdefault((r["library"], r["store"], r.get("mode", "back-to-back"), r["trials"]), []).append(r)
    med = {k: statistics.median(r["ms_per_trial"] for r in v) for k, v in groups.items()}
    mean = {k: sum(r["seconds"] for r in v) * 1000 / sum(r["trials"] for r in v) for k, v in groups.items()}
    print("| library | store | mode | trials | studies | ms per trial, median [min, max] | mean | outside GC pauses (mean) "
          "| GC pause, share of the time | collections per study (gen 0/1/2) | allocated per trial |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for key, v in sorted(groups.items()):
        lib, store, mode, n = key
        ms = [r["ms_per_trial"] for r in v]
        has_gc = "gc_pause_ms" in v[0]
        total_ms = sum(r["seconds"] * 1000 for r in v)
        gc = f"{sum(r['gc_pause_ms'] for r in v) / total_ms:.0%}" if has_gc else "n/a"
        outside = f"{(total_ms - sum(r['gc_pause_ms'] for r in v)) / (n * len(v)):.4f}" if has_gc else "n/a"
        collections = "/".join(f"{sum(r[f'gc_gen{g}'] for r in v) / len(v):.1f}" for g in range(3)) if has_gc else "n/a"
        alloc = f"{statistics.median(r['allocated_bytes_per_trial'] for r in v) / 1024:.1f} KiB" if "allocated_bytes_per_trial" in v[0] else "n/a"
        print(f"| {lib} | {store} | {mode} | {n:,} | {len(v)} | {med[key]:.4f} [{min(ms):.4f}, {max(ms):.4f}] | {mean[key]:.4f} | {outside} "
              f"| {gc} | {collections} | {alloc} |")
    print()
    for lib, store, mode in sorted({k[:3] for k in groups}):
        small, large = (lib, store, mode, 1000), (lib, store, mode, 10000)
        if small in med and large in med:
            print(f"- {lib} {store} {mode}: cost at 10,000 / cost at 1,000 = {mean[large] / mean[small]:.2f} on the mean, "
                  f"{med[large] / med[small]:.2f} on the median (goal for hyperbus: <= 1.2, judged on the back-to-back mean)")
    for n in (1000, 10000):
        ours, theirs = ("hyperbus", "memory", "back-to-back", n), ("optuna", "memory", "back-to-back", n)
        if ours in med and theirs in med:
            print(f"- at {n:,} trials: hyperbus / optuna, both in memory = {mean[ours] / mean[theirs]:.2f} on the mean, "
                  f"{med[ours] / med[theirs]:.2f} on the median (goal: <= 1)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/out/library-overhead.jsonl")
