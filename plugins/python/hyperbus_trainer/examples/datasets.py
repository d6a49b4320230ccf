"""The small datasets scikit-learn ships with (no download), and the cross-validation the examples share."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping, Tuple

import numpy as np
from sklearn import datasets
from sklearn.model_selection import StratifiedKFold, cross_val_score

from ..errors import TrialFailedError

LOADERS = {
    "iris": datasets.load_iris,
    "digits": datasets.load_digits,
    "wine": datasets.load_wine,
    "breast_cancer": datasets.load_breast_cancer,
}


@lru_cache(maxsize=None)
def load(name: str) -> Tuple[np.ndarray, np.ndarray]:
    """Features and labels of a bundled dataset."""
    loader = LOADERS.get(name)
    if loader is None:
        raise TrialFailedError(f"unknown dataset '{name}'; one of {', '.join(LOADERS)}")
    return loader(return_X_y=True)


def cross_validate(estimator: Any, params: Mapping[str, Any]) -> dict[str, Any]:
    """Mean k-fold score on ``params['dataset']``, folds as GridSearchCV's default cv (no shuffle)."""
    features, labels = load(str(params.get("dataset", "iris")))
    folds = int(params.get("folds", 5))
    scoring = params.get("scoring")  # None: the estimator's own score (accuracy for classifiers)
    scores = cross_val_score(estimator, features, labels, cv=StratifiedKFold(n_splits=folds),
                             scoring=scoring)
    metrics = {f"fold{i}": float(score) for i, score in enumerate(scores)}
    metrics["std"] = float(np.std(scores))
    return {"value": float(np.mean(scores)), "metrics": metrics}
