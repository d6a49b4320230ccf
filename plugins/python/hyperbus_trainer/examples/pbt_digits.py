"""``pbt-digits``: a small neural network on digits that resumes from a checkpoint, for population-based training.

The budget (``fidelity: {name: epochs}``) is the member's total epochs after this trial. A trial given a
checkpoint (``ctx.checkpoint``) unpickles the network, its optimizer state and its epoch count, sets the
trial's learning rate and trains only the missing epochs; it then pickles itself into
``ctx.checkpoint_dir()`` and returns that path, so PBT can hand it to the next trial of the member or
to a weaker member that copies it. The learning rate applies from the checkpoint on, so a population
can follow a schedule (high early, lower later) that no single constant rate matches.

The value is the validation log loss (to minimise; it keeps improving after accuracy saturates, so
members rank reliably); accuracy on the validation and on a held-out test split are metrics. The
training loop is :func:`train_epochs`, so a benchmark runs the same code in process.
"""

from __future__ import annotations

import math
import os
import pickle
import warnings
from functools import lru_cache
from typing import Any, Optional, Tuple

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from ..context import TrialContext
from ..errors import TrialFailedError
from ..registry import trainer
from .datasets import load

CHECKPOINT_FILE = "model.pkl"


@lru_cache(maxsize=None)
def splits(seed: int) -> Tuple[np.ndarray, ...]:
    """Fixed stratified 60/20/20 train/validation/test splits of digits, standardised on the training part."""
    features, labels = load("digits")
    x_train, x_rest, y_train, y_rest = train_test_split(features, labels, test_size=0.4, stratify=labels, random_state=seed)
    x_valid, x_test, y_valid, y_test = train_test_split(x_rest, y_rest, test_size=0.5, stratify=y_rest, random_state=seed)
    scaler = StandardScaler().fit(x_train)
    return (scaler.transform(x_train), y_train, scaler.transform(x_valid), y_valid, scaler.transform(x_test), y_test)


def new_model(learning_rate: float, seed: int) -> MLPClassifier:
    return MLPClassifier(hidden_layer_sizes=(64,), solver="sgd", momentum=0.9, batch_size=64,
                         learning_rate_init=learning_rate, random_state=seed)


def set_learning_rate(model: MLPClassifier, learning_rate: float) -> None:
    """Changes the rate of a model that has trained already.

    scikit-learn reads ``learning_rate_init`` only when it builds the optimizer on the first
    ``partial_fit``; a resumed model keeps that optimizer (and its momentum), so its rate is set there too.
    """
    model.learning_rate_init = learning_rate
    optimizer = getattr(model, "_optimizer", None)
    if optimizer is not None:
        optimizer.learning_rate = learning_rate


def train_epochs(model: MLPClassifier, epochs: int, seed: int) -> None:
    x_train, y_train = splits(seed)[0], splits(seed)[1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for _ in range(epochs):
            model.partial_fit(x_train, y_train, classes=np.arange(10))


def evaluate(model: MLPClassifier, seed: int) -> dict[str, float]:
    _, _, x_valid, y_valid, x_test, y_test = splits(seed)
    probabilities = model.predict_proba(x_valid)
    return {"log_loss": float(log_loss(y_valid, probabilities, labels=np.arange(10))),
            "accuracy": float(model.score(x_valid, y_valid)),
            "test_accuracy": float(model.score(x_test, y_test))}


def load_checkpoint(path: str) -> Tuple[MLPClassifier, int]:
    if not os.path.exists(path):
        raise TrialFailedError(f"checkpoint '{path}' does not exist on this worker; "
                               "point HYPERBUS_CHECKPOINTS at a folder every worker shares")
    with open(path, "rb") as file:
        state = pickle.load(file)  # noqa: S301 - our own checkpoint, written below
    return state["model"], int(state["epoch"])


def save_checkpoint(folder: str, model: MLPClassifier, epoch: int) -> str:
    path = os.path.join(folder, CHECKPOINT_FILE)
    with open(path + ".tmp", "wb") as file:
        pickle.dump({"model": model, "epoch": epoch}, file)
    os.replace(path + ".tmp", path)  # a reader never sees half a file
    return path


def target_epochs(ctx: TrialContext) -> int:
    budget = ctx.budget
    if budget is not None:
        return max(1, int(round(budget["amount"])))
    return max(1, int(ctx.params.get("epochs", 10)))


@trainer("pbt-digits")
def train(ctx: TrialContext) -> dict[str, Any]:
    params = ctx.params
    seed = int(params.get("seed", 0))
    learning_rate = float(params["learning_rate"])
    if not learning_rate > 0:
        raise TrialFailedError(f"learning_rate must be > 0, got {learning_rate}")
    model: Optional[MLPClassifier] = None
    done = 0
    if ctx.checkpoint:
        model, done = load_checkpoint(ctx.checkpoint)
        set_learning_rate(model, learning_rate)
    else:
        model = new_model(learning_rate, seed)
    target = target_epochs(ctx)
    train_epochs(model, max(0, target - done), seed)
    done = max(done, target)
    scores = evaluate(model, seed)
    if not math.isfinite(scores["log_loss"]):
        raise TrialFailedError(f"the network diverged at learning_rate {learning_rate}")
    ctx.report(done, scores["log_loss"])
    checkpoint = save_checkpoint(ctx.checkpoint_dir(), model, done)
    return {"value": scores["log_loss"], "checkpoint": checkpoint,
            "metrics": {"accuracy": scores["accuracy"], "test_accuracy": scores["test_accuracy"], "epochs": float(done)}}
