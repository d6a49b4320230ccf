"""Builds the tables of the three real tasks (bench/frontier/real_tasks.py): for every node of a task's grid, a real
cross-validated loss, written once to bench/frontier/tables/<task>.csv.

    nice -n 15 /usr/bin/python3 bench/frontier/real_tables.py svc-digits boost-cancer mlp-digits

Single-threaded (BLAS and OpenMP pinned to one thread) with fixed seeds, so a rebuild writes the same numbers.
Only data that ships with scikit-learn. Prints the CPU seconds each table took.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import itertools  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.datasets import load_breast_cancer, load_digits  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.model_selection import StratifiedKFold, cross_validate  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from sklearn.svm import SVC  # noqa: E402

from real_tasks import TABLES, TASKS, decode  # noqa: E402

FOLDS, SPLIT_SEED, MODEL_SEED = 3, 0, 0
MLP_MAX_ITER = 30

# What each task fits and which score is its loss. On breast cancer (569 samples) accuracy moves in steps of one
# sample (1/569): the best nodes are one to three misclassified samples apart (27 of 1,764 nodes within 3/569 of the
# best), a coarse and noise-dominated scale, so boost-cancer's loss is the CV log loss, continuous (accuracy beside it).
DESCRIPTION = {
    "svc-digits": "SVC(kernel='rbf', C, gamma) on load_digits; loss = 1 - mean CV accuracy",
    "boost-cancer": "HistGradientBoostingClassifier(learning_rate, max_leaf_nodes, min_samples_leaf, l2_regularization, "
                    "random_state=0) on load_breast_cancer; loss = mean CV log loss (accuracy beside it)",
    "mlp-digits": f"MLPClassifier(hidden_layer_sizes=(hidden,), alpha, learning_rate_init, activation, "
                  f"max_iter={MLP_MAX_ITER}, early_stopping=False, random_state=0) on load_digits; "
                  f"loss = 1 - mean CV accuracy",
}


def model(task, v):
    if task == "svc-digits":
        return SVC(kernel="rbf", C=v["C"], gamma=v["gamma"])
    if task == "boost-cancer":
        return HistGradientBoostingClassifier(learning_rate=v["learning_rate"], max_leaf_nodes=v["max_leaf_nodes"],
                                              min_samples_leaf=v["min_samples_leaf"],
                                              l2_regularization=v["l2_regularization"], random_state=MODEL_SEED)
    return MLPClassifier(hidden_layer_sizes=(v["hidden"],), alpha=v["alpha"], learning_rate_init=v["learning_rate_init"],
                         activation=v["activation"], max_iter=MLP_MAX_ITER, early_stopping=False,
                         random_state=MODEL_SEED)


def build(task):
    x, y = load_breast_cancer(return_X_y=True) if task == "boost-cancer" else load_digits(return_X_y=True)
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SPLIT_SEED)
    params = [p for p, _ in TASKS[task]]
    names = [p[0] for p in params]
    started = time.process_time()
    lines = []
    for nodes in itertools.product(*(grid for _, grid in TASKS[task])):
        values = {p[0]: decode(p, n) for p, n in zip(params, nodes)}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            scoring = ["accuracy", "neg_log_loss"] if task == "boost-cancer" else ["accuracy"]
            scores = cross_validate(model(task, values), x, y, cv=folds, scoring=scoring, n_jobs=1)
        accuracy = float(np.mean(scores["test_accuracy"]))
        loss = -float(np.mean(scores["test_neg_log_loss"])) if task == "boost-cancer" else 1.0 - accuracy
        lines.append(",".join([*(n if isinstance(n, str) else repr(float(n)) for n in nodes), repr(loss), repr(accuracy)]))
    seconds = time.process_time() - started
    TABLES.mkdir(exist_ok=True)
    with open(TABLES / f"{task}.csv", "w", encoding="utf-8") as f:
        f.write(f"# {task}: {DESCRIPTION[task]}\n")
        f.write(f"# {FOLDS}-fold StratifiedKFold(shuffle=True, random_state={SPLIT_SEED}); "
                f"scikit-learn {sklearn.__version__}, numpy {np.__version__}\n")
        f.write(f"# built by: nice -n 15 /usr/bin/python3 bench/frontier/real_tables.py {task}\n")
        f.write("# coordinates: log10 of the value for log floats, the value for ints, the choice for categoricals\n")
        f.write(",".join([*names, "loss", "accuracy"]) + "\n")
        f.write("\n".join(lines) + "\n")
    print(f"{task}: {len(lines)} nodes, {seconds:.0f} CPU s ({seconds / len(lines):.3f} s per node)", flush=True)


if __name__ == "__main__":
    for name in sys.argv[1:] or list(TASKS):
        build(name)
