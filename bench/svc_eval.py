"""SVC on sklearn's digits: the benchmark's real-model objective, shared by both sides.

Used two ways: imported by optuna_bench.py, and as a line-oriented server for the C# bench
(reads "C gamma kernel" per line on stdin, writes 1 - mean 3-fold CV accuracy per line).
"""
from __future__ import annotations

import sys
import warnings

from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import cross_val_score
from sklearn.svm import SVC

_DATA = load_digits(return_X_y=True)


def svc_loss(c: float, gamma: float, kernel: str) -> float:
    """1 - mean 3-fold cross-validated accuracy; max_iter bounds the time of hopeless settings."""
    x, y = _DATA
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = SVC(C=c, gamma=gamma, kernel=kernel, max_iter=20000)
        return 1.0 - float(cross_val_score(model, x, y, cv=3, n_jobs=1).mean())


def main() -> None:
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        print(repr(svc_loss(float(parts[0]), float(parts[1]), parts[2])), flush=True)


if __name__ == "__main__":
    main()
