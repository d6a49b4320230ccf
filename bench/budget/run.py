"""Budget benchmark (issue 6): epochs spent until the best accuracy reaches random search's at full budget.

HyperBus's schedulers run the ``mlp-digits`` Python trainer through a HyperBus host over RabbitMQ
(``hyperbus tune --transport rabbitmq``, one worker, one trial at a time); Optuna's TPE with its
HyperbandPruner and MedianPruner runs the very same training function (``fit_by_epochs``) in process.
Each run appends one JSON line per (side, method, seed) with every trial's epochs and value, in the
order the trials finished.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins" / "python"))

import optuna  # noqa: E402

from hyperbus_trainer.examples.mlp_digits import fit_by_epochs  # noqa: E402

MIN_EPOCHS, MAX_EPOCHS, ETA = 1, 27, 3
FIXED = {"dataset": "digits", "epochs": MAX_EPOCHS}
SPACE = """
space:
  learningRate: { type: float, low: 0.00001, high: 0.1, log: true }
  alpha: { type: float, low: 0.000001, high: 0.1, log: true }
  hiddenUnits: { type: int, low: 8, high: 64, log: true }
  batchSize: { type: int, low: 32, high: 256, log: true }
"""

# Each HyperBus method: the sampler (None: the scheduler brings its own) and the scheduler.
HYPERBUS = {
    "random-full": ("{ type: random, seed: SEED }", "{ type: fifo }"),
    "median": ("{ type: random, seed: SEED }", "{ type: median }"),
    "hyperband": ("{ type: random, seed: SEED }",
                  f"{{ type: hyperband, reductionFactor: {ETA}, seed: SEED }}"),
    "asha": ("{ type: random, seed: SEED }", f"{{ type: asha, reductionFactor: {ETA}, seed: SEED }}"),
    "bohb": (None, f"{{ type: bohb, reductionFactor: {ETA}, seed: SEED }}"),
}


def spec(method: str, seed: int, trials: int) -> str:
    sampler, scheduler = HYPERBUS[method]
    lines = [
        f"study: budget-{method}-{seed}",
        "direction: maximize",
        "metric: accuracy",
        f"trials: {trials}",
        "parallelism: 1",
        f"scheduler: {scheduler.replace('SEED', str(seed))}",
        f"fidelity: {{ name: epochs, min: {MIN_EPOCHS}, max: {MAX_EPOCHS} }}",
        "trainer: mlp-digits",
        f"fixed: {json.dumps(FIXED)}",
    ]
    if sampler is not None:
        lines.append(f"sampler: {sampler.replace('SEED', str(seed))}")
    return "\n".join(lines) + SPACE


def run_hyperbus(method: str, seed: int, trials: int, hyperbus: list[str], broker: str,
                 work: Path) -> list[dict]:
    path = work / f"{method}-{seed}.yaml"
    path.write_text(spec(method, seed, trials))
    store = work / f"{method}-{seed}.db"
    command = [*hyperbus, "tune", str(path), "--transport", "rabbitmq", "--rabbitmq", broker,
               "--storage", str(store), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    with sqlite3.connect(store) as db:
        rows = db.execute(
            "SELECT t.number, t.state, t.value, (SELECT COUNT(*) FROM reports r WHERE r.trial_id = t.id) "
            "FROM trials t ORDER BY t.finished_at, t.number").fetchall()
    return [{"number": n, "state": s, "value": v, "epochs": e} for n, s, v, e in rows]


def run_optuna(method: str, seed: int, trials: int) -> list[dict]:
    if method == "optuna-tpe-hyperband":
        pruner: optuna.pruners.BasePruner = optuna.pruners.HyperbandPruner(MIN_EPOCHS, MAX_EPOCHS, ETA)
    else:
        pruner = optuna.pruners.MedianPruner()
    # A fixed study name: Optuna's HyperbandPruner hashes it (with the trial number) to pick brackets.
    study = optuna.create_study(study_name=f"budget-{method}-{seed}", direction="maximize",
                                sampler=optuna.samplers.TPESampler(seed=seed), pruner=pruner)
    finished: list[dict] = []

    def objective(trial: optuna.Trial) -> float:
        params = {
            **FIXED,
            "learningRate": trial.suggest_float("learningRate", 1e-5, 0.1, log=True),
            "alpha": trial.suggest_float("alpha", 1e-6, 0.1, log=True),
            "hiddenUnits": trial.suggest_int("hiddenUnits", 8, 64, log=True),
            "batchSize": trial.suggest_int("batchSize", 32, 256, log=True),
        }

        def report(epoch: int, accuracy: float) -> bool:
            trial.report(accuracy, epoch)
            return trial.should_prune()

        accuracy, epochs = fit_by_epochs(params, MAX_EPOCHS, report)
        pruned = epochs < MAX_EPOCHS or trial.should_prune()
        finished.append({"number": trial.number, "state": "Pruned" if pruned else "Completed",
                         "value": accuracy, "epochs": epochs})
        if pruned:
            raise optuna.TrialPruned()
        return accuracy

    study.optimize(objective, n_trials=trials)
    return finished


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--methods",
                        default=",".join([*HYPERBUS, "optuna-tpe-hyperband", "optuna-tpe-median"]))
    parser.add_argument("--hyperbus", required=True,
                        help="the hyperbus command, e.g. 'dotnet path/hyperbus.dll'")
    parser.add_argument("--rabbitmq", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    methods = args.methods.split(",")
    with tempfile.TemporaryDirectory(prefix="hyperbus-budget-") as tmp, open(args.out, "a") as out:
        for seed in range(args.seeds):
            for method in methods:
                started = time.monotonic()
                if method.startswith("optuna-"):
                    trials = run_optuna(method, seed, args.trials)
                else:
                    trials = run_hyperbus(method, seed, args.trials, args.hyperbus.split(), args.rabbitmq,
                                          Path(tmp))
                seconds = time.monotonic() - started
                record = {"method": method, "seed": seed, "trials": trials, "seconds": seconds}
                out.write(json.dumps(record) + "\n")
                out.flush()
                best = max(t["value"] for t in trials if t["value"] is not None)
                epochs = sum(t["epochs"] for t in trials)
                print(f"seed {seed} {method:22s} {len(trials)} trials, {epochs:5d} epochs, best {best:.4f}, "
                      f"{seconds:.0f} s", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
