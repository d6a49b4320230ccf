"""Summarises bench/out/library-overhead.jsonl (bench/library-overhead.sh): medians per side and the issue 16 goals."""
from __future__ import annotations

import json
import statistics
import sys


def main(path: str) -> None:
    runs = [json.loads(line) for line in open(path, encoding="utf-8")]
    groups: dict[tuple[str, str, int], list[dict]] = {}
    for r in runs:
        groups.setdefault((r["library"], r["store"], r["trials"]), []).append(r)
    med = {k: statistics.median(r["ms_per_trial"] for r in v) for k, v in groups.items()}
    print("| library | store | trials | studies | ms per trial, median [min, max] | outside GC pauses | GC pause, share of the time | allocated per trial |")
    print("|---|---|---|---|---|---|---|---|")
    for (lib, store, n), v in sorted(groups.items()):
        ms = [r["ms_per_trial"] for r in v]
        gc = f"{statistics.median(r['gc_pause_ms'] / (r['seconds'] * 1000) for r in v):.0%}" if "gc_pause_ms" in v[0] else "n/a"
        outside = f"{statistics.median((r['seconds'] * 1000 - r['gc_pause_ms']) / n for r in v):.4f}" if "gc_pause_ms" in v[0] else "n/a"
        alloc = f"{statistics.median(r['allocated_bytes_per_trial'] for r in v) / 1024:.1f} KiB" if "allocated_bytes_per_trial" in v[0] else "n/a"
        print(f"| {lib} | {store} | {n:,} | {len(v)} | {med[(lib, store, n)]:.4f} [{min(ms):.4f}, {max(ms):.4f}] | {outside} | {gc} | {alloc} |")
    print()
    for lib, store in sorted({(k[0], k[1]) for k in groups}):
        if (lib, store, 1000) in med and (lib, store, 10000) in med:
            print(f"- {lib} {store}: cost at 10,000 / cost at 1,000 = {med[(lib, store, 10000)] / med[(lib, store, 1000)]:.2f} (goal for hyperbus: <= 1.2)")
    for n in (1000, 10000):
        if ("hyperbus", "memory", n) in med and ("optuna", "memory", n) in med:
            print(f"- at {n:,} trials: hyperbus / optuna, both in memory = {med[('hyperbus', 'memory', n)] / med[('optuna', 'memory', n)]:.2f} (goal: <= 1)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/out/library-overhead.jsonl")
