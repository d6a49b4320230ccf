"""``sgd-digits``: a linear classifier trained epoch by epoch, reporting validation accuracy.

The budget is in epochs (``budget: {name: epochs}`` in the spec, or the ``epochs`` parameter); a
stop decision ends training early and the last validation accuracy is the trial's value.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from ..context import TrialContext
from ..registry import trainer
from .datasets import load


def epochs(ctx: TrialContext) -> int:
    budget = ctx.budget
    if budget is not None and budget["name"] == "epochs":
        return max(1, int(round(budget["amount"])))
    return max(1, int(ctx.params.get("epochs", 20)))


@trainer("sgd-digits")
def train(ctx: TrialContext) -> dict[str, Any]:
    params = ctx.params
    seed = int(params.get("seed", 0))
    features, labels = load(str(params.get("dataset", "digits")))
    x_train, x_valid, y_train, y_valid = train_test_split(
        features, labels, test_size=float(params.get("validation", 0.25)), stratify=labels,
        random_state=seed)
    scaler = StandardScaler().fit(x_train)
    x_train, x_valid = scaler.transform(x_train), scaler.transform(x_valid)
    model = SGDClassifier(
        loss=str(params.get("loss", "hinge")), alpha=float(params.get("alpha", 1e-4)),
        learning_rate=str(params.get("learning_rate", "optimal")), eta0=float(params.get("eta0", 0.01)),
        random_state=seed)
    classes = np.unique(labels)
    order = np.random.default_rng(seed)
    accuracy = 0.0
    for epoch in range(1, epochs(ctx) + 1):
        shuffled = order.permutation(len(y_train))
        model.partial_fit(x_train[shuffled], y_train[shuffled], classes=classes)
        accuracy = float(model.score(x_valid, y_valid))
        if ctx.report(epoch, accuracy) == "stop":
            break
    return {"value": accuracy, "metrics": {"epochs": float(epoch)}}
