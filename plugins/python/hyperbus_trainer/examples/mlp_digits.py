"""``mlp-digits``: a small neural network trained epoch by epoch on digits, reporting validation accuracy.

Each epoch is one ``partial_fit`` pass over the training split; the validation accuracy after it is
reported as that epoch's step. The budget (``fidelity: {name: epochs}``) sets the number of epochs;
a stop decision ends training and the last validation accuracy is the trial's value. The training
loop is :func:`fit_by_epochs`, so a benchmark can run the very same code in process (as Optuna does).
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import Any, Callable, Mapping, Tuple

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from ..context import TrialContext
from ..errors import TrialFailedError
from ..registry import trainer
from .datasets import load

DEFAULT_EPOCHS = 27

Split = Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


@lru_cache(maxsize=None)
def split(dataset: str, seed: int) -> Split:
    """A fixed, stratified 75/25 split, standardised on the training part."""
    features, labels = load(dataset)
    x_train, x_valid, y_train, y_valid = train_test_split(
        features, labels, test_size=0.25, stratify=labels, random_state=seed)
    scaler = StandardScaler().fit(x_train)
    return scaler.transform(x_train), scaler.transform(x_valid), y_train, y_valid


def fit_by_epochs(params: Mapping[str, Any], epochs: int,
                  report: Callable[[int, float], bool]) -> Tuple[float, int]:
    """Train for up to ``epochs`` epochs; ``report(epoch, accuracy)`` returns True to stop early.

    Returns the last validation accuracy and the number of epochs trained.
    """
    if epochs < 1:
        raise TrialFailedError(f"epochs must be >= 1, not {epochs}")
    seed = int(params.get("seed", 0))
    x_train, x_valid, y_train, y_valid = split(str(params.get("dataset", "digits")), seed)
    try:
        model = MLPClassifier(
            hidden_layer_sizes=(int(params.get("hiddenUnits", 32)),),
            learning_rate_init=float(params.get("learningRate", 1e-3)),
            alpha=float(params.get("alpha", 1e-4)),
            batch_size=int(params.get("batchSize", 64)),
            random_state=seed)
    except (TypeError, ValueError) as error:
        raise TrialFailedError(f"bad parameter: {error}") from error
    classes = np.unique(y_train)
    accuracy = 0.0
    epoch = 0
    with warnings.catch_warnings():
        # One epoch per partial_fit is the point; sklearn warns that it has not converged yet.
        warnings.simplefilter("ignore", ConvergenceWarning)
        for epoch in range(1, epochs + 1):
            model.partial_fit(x_train, y_train, classes=classes)
            accuracy = float(model.score(x_valid, y_valid))
            if report(epoch, accuracy):
                break
    return accuracy, epoch


def epochs_of(ctx: TrialContext) -> int:
    """The budget in epochs, else the ``epochs`` parameter, else 27."""
    budget = ctx.budget
    if budget is not None:
        if budget["name"] != "epochs":
            raise TrialFailedError(f"mlp-digits measures its budget in epochs, not {budget['name']}")
        return max(1, int(round(budget["amount"])))
    return max(1, int(ctx.params.get("epochs", DEFAULT_EPOCHS)))


@trainer("mlp-digits")
def train(ctx: TrialContext) -> dict[str, Any]:
    accuracy, epochs = fit_by_epochs(ctx.params, epochs_of(ctx), lambda e, a: ctx.report(e, a) == "stop")
    return {"value": accuracy, "metrics": {"epochs": float(epochs)}}
