"""The PyTorch MLP example and the shared holdout rule; real training and ONNX export, no broker."""

from __future__ import annotations

import csv
import json
import uuid
from pathlib import Path
from typing import Any, Optional

import numpy as np
import pytest
import torch

from hyperbus_trainer import TrialContext
from hyperbus_trainer.context import Reporter
from hyperbus_trainer.examples import torch_mlp
from hyperbus_trainer.examples.datasets import load
from hyperbus_trainer.holdout import holdout_rows, splitmix64, usable_rows
from hyperbus_trainer.messages import parse_trial_requested

DATASETS = Path(__file__).resolve().parents[2] / "HyperBus.Trainers.MLNet" / "Datasets"


def context(fixed: dict[str, Any], params: dict[str, Any],
            reporter: Optional[Reporter] = None) -> TrialContext:
    body = {"studyId": str(uuid.uuid4()), "trialId": str(uuid.uuid4()), "number": 3, "attempt": 1,
            "trainer": "torch-mlp", "metric": "accuracy", "params": params, "fixed": fixed,
            "budget": None, "checkpoint": None, "deadline": "2030-01-01T00:00:00+00:00"}
    return TrialContext(parse_trial_requested(json.dumps(body).encode()), reporter or (lambda *_: None))


def test_splitmix64_matches_the_published_reference_values() -> None:
    # The first outputs of Vigna's splitmix64.c seeded with 0 (state advances by the golden gamma).
    gamma = 0x9E3779B97F4A7C15
    assert splitmix64(0) == 0xE220A8397B1DCDAF
    assert splitmix64(gamma) == 0x6E789E6AA1B965F4


def test_the_holdout_is_deterministic_exact_in_size_and_depends_on_the_seed() -> None:
    first = holdout_rows(1797, 0.2, 7)
    assert first.sum() == 359  # floor(1797 * 0.2)
    assert np.array_equal(first, holdout_rows(1797, 0.2, 7))
    assert not np.array_equal(first, holdout_rows(1797, 0.2, 8))
    assert holdout_rows(3, 0.1, 0).sum() == 1  # at least one row


@pytest.mark.parametrize("fraction", [0, 1, -0.5, 1.5])
def test_a_holdout_outside_zero_and_one_is_refused(fraction: float) -> None:
    with pytest.raises(ValueError, match="holdout"):
        holdout_rows(10, fraction, 0)


def test_the_trainer_never_trains_or_validates_on_held_out_rows() -> None:
    _, labels = load("digits")
    params = {"holdout": 0.2, "holdoutSeed": 3, "seed": 1}
    train, valid = torch_mlp.split(labels, params)
    held = np.flatnonzero(holdout_rows(len(labels), 0.2, 3))
    assert not set(train) & set(held)
    assert not set(valid) & set(held)
    assert not set(train) & set(valid)
    assert len(train) + len(valid) + len(held) == len(labels)
    assert np.array_equal(np.sort(np.concatenate([train, valid])), usable_rows(len(labels), params))


def test_the_bundled_csv_is_the_dataset_the_python_trainers_load() -> None:
    # The host verifies on the CSV, trainers train on scikit-learn's copy: they must be the same rows.
    features, labels = load("digits")
    with open(DATASETS / "digits.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    table = np.array(rows, dtype=float)
    assert table.shape == (len(labels), features.shape[1] + 1)
    assert np.array_equal(table[:, :-1], features)
    assert np.array_equal(table[:, -1].astype(int), labels)


def test_a_trial_trains_reports_and_exports_an_onnx_model_with_its_predictions(tmp_path: Path) -> None:
    reports: list[tuple[int, float]] = []
    ctx = context({"dataset": "digits", "artifacts": str(tmp_path), "holdout": 0.2, "holdoutSeed": 0},
                  {"hidden": 32, "lr": 0.01, "epochs": 5},
                  lambda step, value, _: reports.append((step, value)))
    result = torch_mlp.train(ctx)

    assert result["value"] > 0.9
    assert [step for step, _ in reports] == [1, 2, 3, 4, 5]
    assert reports[-1][1] == result["value"]
    folder = Path(result["artifact"])
    assert folder == tmp_path / ctx.study_id / "trial-3-attempt-1"
    onnx_bytes = (folder / "model.onnx").read_bytes()
    assert len(onnx_bytes) > 1000 and b"features" in onnx_bytes
    predictions = (folder / "predictions.csv").read_text(encoding="utf-8").split()
    features, labels = load("digits")
    assert predictions[0] == "prediction" and len(predictions) == len(labels) + 1
    assert (np.array(predictions[1:], dtype=int) == labels).mean() > 0.9


def test_the_same_seed_trains_the_same_model() -> None:
    params = {"dataset": "breast_cancer", "epochs": 3, "seed": 4}
    first = torch_mlp.fit(None, params)
    second = torch_mlp.fit(None, params)
    assert first[1] == second[1]
    for a, b in zip(first[0].parameters(), second[0].parameters()):
        assert torch.equal(a, b)


def test_without_an_artifact_folder_no_model_is_written(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = torch_mlp.train(context({"dataset": "iris"}, {"epochs": 2}))
    assert "artifact" not in result
    assert list(tmp_path.iterdir()) == []
