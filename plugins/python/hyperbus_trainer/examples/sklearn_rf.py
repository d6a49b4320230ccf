"""``sklearn-rf``: a seeded random forest scored by k-fold cross-validation."""

from __future__ import annotations

from typing import Any, Optional, Union

from sklearn.ensemble import RandomForestClassifier

from ..context import TrialContext
from ..registry import trainer
from .datasets import cross_validate


def _max_features(value: Any) -> Optional[Union[str, float, int]]:
    if value is None or isinstance(value, str):
        return value
    return int(value) if float(value).is_integer() and value >= 1 else float(value)


def build(params: dict[str, Any]) -> RandomForestClassifier:
    max_depth = params.get("max_depth")
    return RandomForestClassifier(
        n_estimators=int(params.get("n_estimators", 100)),
        max_depth=None if max_depth is None else int(max_depth),
        min_samples_split=int(params.get("min_samples_split", 2)),
        min_samples_leaf=int(params.get("min_samples_leaf", 1)),
        max_features=_max_features(params.get("max_features", "sqrt")),
        criterion=str(params.get("criterion", "gini")),
        random_state=int(params.get("seed", 0)),
        n_jobs=1,
    )


@trainer("sklearn-rf")
def train(ctx: TrialContext) -> dict[str, Any]:
    return cross_validate(build(ctx.params), ctx.params)
