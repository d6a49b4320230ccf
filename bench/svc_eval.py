"""SVC on sklearn's digits: the benchmark's real-model objective, shared by both sides.

Used two ways: imported by optuna_bench.py, and as a line-oriented server for the C# bench
(reads "C gamma kernel" per line on stdin, writes 1 - mean 3-fold CV accuracy per line).
SVC_DATASET=iris switches to iris with 5 folds (cross_val_score's default, a StratifiedKFold without
shuffling), the setting of examples' iris-svc-bayes.yaml.
"""
from __future__ import annotations

import sys
import warnings

import os

from sklearn.datasets import load_digits, load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import cross_val_score
from sklearn.svm import SVC

_IRIS = os.environ.get("SVC_DATASET") == "iris"
_DATA = load_iris(return_X_y=True) if _IRIS else load_digits(return_X_y=True)
_FOLDS = 5 if _IRIS else 3


def svc_loss(c: float, gamma: float, kernel: str) -> float:
    """1 - mean cross-validated accuracy (3 folds, 5 on iris); max_iter bounds the time of hopeless settings."""
    x, y = _DATA
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = SVC(C=c, gamma=gamma, kernel=kernel, max_iter=20000)
        return 1.0 - float(cross_val_score(model, x, y, cv=_FOLDS, n_jobs=1).mean())


def main() -> None:
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        print(repr(svc_loss(float(parts[0]), float(parts[1]), parts[2])), flush=True)


if __name__ == "__main__":
    main()
