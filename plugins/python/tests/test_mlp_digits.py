"""The ``mlp-digits`` example: trains by epochs, honours the budget, reports each epoch, stops when told."""

from __future__ import annotations

from typing import Optional

import pytest
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from hyperbus_trainer.context import TrialContext
from hyperbus_trainer.errors import TrialFailedError
from hyperbus_trainer.examples import mlp_digits
from hyperbus_trainer.messages import Budget, Decision, TrialRequest
from hyperbus_trainer.registry import registered_trainers

PARAMS = {"learningRate": 0.01, "hiddenUnits": 16, "alpha": 1e-4, "batchSize": 128}


def context(budget: Optional[float], stop_at: Optional[int] = None, params: Optional[dict] = None):
    reports: list[tuple[int, float]] = []

    def reporter(step: int, value: float, checkpoint: Optional[str]) -> Optional[Decision]:
        reports.append((step, value))
        action = "stop" if stop_at is not None and step >= stop_at else "continue"
        return Decision("t", 1, step, action)

    request = TrialRequest(
        study_id="s", trial_id="t", number=0, attempt=1, trainer="mlp-digits",
        params=dict(params or PARAMS), fixed={"dataset": "digits"},
        budget=None if budget is None else Budget("epochs", budget))
    return TrialContext(request, reporter), reports


def test_it_is_registered_with_the_examples() -> None:
    assert registered_trainers()["mlp-digits"] is mlp_digits.train


def test_the_budget_sets_the_epochs_and_every_epoch_is_reported() -> None:
    ctx, reports = context(budget=6)
    result = mlp_digits.train(ctx)
    assert [step for step, _ in reports] == [1, 2, 3, 4, 5, 6]
    assert result == {"value": reports[-1][1], "metrics": {"epochs": 6.0}}
    assert all(0.0 <= value <= 1.0 for _, value in reports)


def test_a_stop_decision_ends_training_with_the_last_value() -> None:
    ctx, reports = context(budget=20, stop_at=3)
    result = mlp_digits.train(ctx)
    assert [step for step, _ in reports] == [1, 2, 3]
    assert result["value"] == reports[-1][1] and result["metrics"]["epochs"] == 3.0
    assert ctx.stopped


def test_the_accuracies_are_those_of_the_same_network_trained_by_hand() -> None:
    features, labels = load_digits(return_X_y=True)
    x_train, x_valid, y_train, y_valid = train_test_split(
        features, labels, test_size=0.25, stratify=labels, random_state=0)
    scaler = StandardScaler().fit(x_train)
    model = MLPClassifier(hidden_layer_sizes=(16,), learning_rate_init=0.01, alpha=1e-4, batch_size=128,
                          random_state=0)
    expected = []
    for _ in range(4):
        model.partial_fit(scaler.transform(x_train), y_train, classes=sorted(set(labels)))
        expected.append(model.score(scaler.transform(x_valid), y_valid))
    ctx, reports = context(budget=4)
    mlp_digits.train(ctx)
    assert [value for _, value in reports] == expected


def test_more_epochs_learn_more() -> None:
    slow = {**PARAMS, "learningRate": 1e-3}
    first, _ = mlp_digits.fit_by_epochs(slow, 1, lambda e, a: False)
    last, epochs = mlp_digits.fit_by_epochs(slow, 20, lambda e, a: False)
    assert epochs == 20 and last > first + 0.2 and last > 0.8


def test_without_a_budget_the_epochs_parameter_or_27_applies() -> None:
    ctx, reports = context(budget=None, params={**PARAMS, "epochs": 2})
    mlp_digits.train(ctx)
    assert len(reports) == 2
    ctx, _ = context(budget=None)
    assert mlp_digits.epochs_of(ctx) == 27


def test_a_budget_in_another_unit_or_a_bad_parameter_fails_the_trial() -> None:
    ctx, _ = context(budget=3)
    ctx.request = TrialRequest(**{**ctx.request.__dict__, "budget": Budget("rounds", 3)})
    with pytest.raises(TrialFailedError, match="epochs, not rounds"):
        mlp_digits.train(ctx)
    with pytest.raises(TrialFailedError, match="bad parameter"):
        mlp_digits.fit_by_epochs({**PARAMS, "hiddenUnits": "many"}, 2, lambda e, a: False)
