"""PBT against random search at equal total budget, both through HyperBus with the same trainer.

Each seed runs two studies of the ``pbt-digits`` trainer (an MLP on digits trained with SGD and momentum,
resuming from pickled checkpoints) on a running RabbitMQ with a Python worker serving it:
  * ``pbt``: 8 members x 24 epochs, exploit/explore every 2 epochs (96 trials of 2 epochs);
  * ``random``: 8 random learning rates x 24 epochs (8 trials), the same 192 epochs of training.
The objective is the validation log loss; the test accuracy of the best trial is read from the store.
Writes one JSON line per run; prints a markdown table.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SPACE = "space:\n  learning_rate: { type: float, low: 0.001, high: 0.5, log: true }\n"


def spec(method: str, seed: int, members: int, epochs: int, interval: int) -> str:
    head = f"study: pbt-bench-{method}-{seed}\ndirection: minimize\nmetric: log_loss\ntrainer: pbt-digits\n"
    if method == "pbt":
        return (head + f"trials: {members * epochs // interval}\nparallelism: {members}\n"
                f"fidelity: {{ name: epochs, min: {interval}, max: {epochs} }}\n"
                f"scheduler: {{ type: pbt, populationSize: {members}, seed: {seed} }}\n"
                "fixed: { seed: 0 }\n" + SPACE)
    return (head + f"trials: {members}\nparallelism: {members}\nsampler: {{ type: random, seed: {seed} }}\n"
            f"fixed: {{ seed: 0, epochs: {epochs} }}\n" + SPACE)


def best_trial(storage: Path, study_id: str) -> dict:
    with sqlite3.connect(storage) as db:
        row = db.execute("SELECT value, metrics_json, params_json FROM trials WHERE study_id = ? AND state = 'Completed' "
                         "ORDER BY value ASC, number ASC LIMIT 1", (study_id,)).fetchone()
        epochs = db.execute("SELECT COUNT(*) FROM trials WHERE study_id = ?", (study_id,)).fetchone()[0]
    metrics = json.loads(row[1] or "{}")
    return {"value": row[0], "test_accuracy": metrics.get("test_accuracy"), "accuracy": metrics.get("accuracy"),
            "params": json.loads(row[2]), "trials": epochs}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hyperbus", required=True, help="command that runs the hyperbus CLI")
    parser.add_argument("--rabbitmq", required=True)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--members", type=int, default=8)
    parser.add_argument("--epochs", type=int, default=24)
    parser.add_argument("--interval", type=int, default=2)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hyperbus-pbt-bench-"))
    rows = []
    with open(args.out, "a", encoding="utf-8") as out:
        for seed in range(args.seeds):
            for method in ("random", "pbt"):
                path = work / f"{method}-{seed}.yaml"
                path.write_text(spec(method, seed, args.members, args.epochs, args.interval))
                storage = work / f"{method}-{seed}.db"
                started = time.monotonic()
                result = subprocess.run(args.hyperbus.split() + ["tune", str(path), "--transport", "rabbitmq", "--rabbitmq",
                                        args.rabbitmq, "--storage", str(storage), "--json"],
                                        capture_output=True, text=True, check=False)
                if result.returncode != 0:
                    sys.exit(f"{method} seed {seed} failed ({result.returncode}):\n{result.stderr[-3000:]}")
                summary = json.loads(result.stdout)
                best = best_trial(storage, summary["studyId"])
                row = {"method": method, "seed": seed, "members": args.members, "epochs": args.epochs,
                       "interval": args.interval, "best_log_loss": summary["bestValue"], "test_accuracy": best["test_accuracy"],
                       "valid_accuracy": best["accuracy"], "trials": best["trials"], "completed": summary["trials"]["completed"],
                       "seconds": round(time.monotonic() - started, 1)}
                rows.append(row)
                out.write(json.dumps(row) + "\n")
                out.flush()
                print(f"{method} seed {seed}: log loss {row['best_log_loss']:.4f}, test accuracy {row['test_accuracy']:.4f}, "
                      f"{row['trials']} trials, {row['seconds']} s", file=sys.stderr, flush=True)
    print(table(rows, args))


def table(rows: list[dict], args: argparse.Namespace) -> str:
    lines = [f"\n#### PBT vs random search, pbt-digits, {args.members} members x {args.epochs} epochs each "
             f"(PBT: exploit/explore every {args.interval}), {args.seeds} seeds\n",
             "| method | trials | best validation log loss, median [min, max] | its test accuracy, median | wins (lower loss, same seed) |",
             "|---|---|---|---|---|"]
    by = {m: {r["seed"]: r for r in rows if r["method"] == m} for m in ("random", "pbt")}
    for method, other in (("random", "pbt"), ("pbt", "random")):
        rs = list(by[method].values())
        losses = [r["best_log_loss"] for r in rs]
        wins = sum(1 for s, r in by[method].items() if s in by[other] and r["best_log_loss"] < by[other][s]["best_log_loss"])
        lines.append(f"| {method} | {rs[0]['trials']} | {statistics.median(losses):.4f} [{min(losses):.4f}, {max(losses):.4f}] | "
                     f"{statistics.median(r['test_accuracy'] for r in rs):.4f} | {wins}/{len(rs)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
