"""``sklearn-svc``: a support vector classifier scored by k-fold cross-validation."""

from __future__ import annotations

from typing import Any

from sklearn.svm import SVC

from ..context import TrialContext
from ..registry import trainer
from .datasets import cross_validate


def build(params: dict[str, Any]) -> SVC:
    """SVC(C, gamma, kernel[, degree]); gamma may be a number, "scale" or "auto"."""
    gamma = params.get("gamma", "scale")
    options: dict[str, Any] = {
        "C": float(params.get("C", 1.0)),
        "kernel": str(params.get("kernel", "rbf")),
        "gamma": gamma if isinstance(gamma, str) else float(gamma),
    }
    if "degree" in params:
        options["degree"] = int(params["degree"])
    return SVC(**options)


@trainer("sklearn-svc")
def train(ctx: TrialContext) -> dict[str, Any]:
    return cross_validate(build(ctx.params), ctx.params)
