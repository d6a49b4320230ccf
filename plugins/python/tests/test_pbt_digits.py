"""The resumable ``pbt-digits`` trainer and the SDK's checkpoint folders: in process and through a worker."""

from __future__ import annotations

import os
import pickle
import uuid
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

from conftest import Host, WorkerProcess
from hyperbus_trainer import TrialFailedError, checkpoints
from hyperbus_trainer.context import TrialContext
from hyperbus_trainer.examples import pbt_digits
from hyperbus_trainer.messages import Budget, Decision, TrialRequest
from hyperbus_trainer.registry import registered_trainers


def context(epochs: float, learning_rate: float = 0.05, checkpoint: Optional[str] = None,
            root: Optional[Path] = None) -> TrialContext:
    request = TrialRequest(
        study_id=str(uuid.uuid4()), trial_id=str(uuid.uuid4()), number=0, attempt=1, trainer="pbt-digits",
        params={"learning_rate": learning_rate}, fixed={"seed": 0}, budget=Budget("epochs", epochs),
        checkpoint=checkpoint)

    def reporter(step: int, value: float, _: Optional[str]) -> Optional[Decision]:
        return Decision(request.trial_id, 1, step, "continue")

    return TrialContext(request, reporter, None if root is None else str(root))


def test_it_is_registered_with_the_examples() -> None:
    assert registered_trainers()["pbt-digits"] is pbt_digits.train


def test_a_run_split_at_a_checkpoint_ends_exactly_where_the_straight_run_ends(tmp_path: Path) -> None:
    straight = pbt_digits.train(context(4, root=tmp_path))
    first = pbt_digits.train(context(2, root=tmp_path))
    resumed = pbt_digits.train(context(4, checkpoint=first["checkpoint"], root=tmp_path))

    assert resumed["value"] == pytest.approx(straight["value"], rel=1e-12)
    assert resumed["metrics"]["epochs"] == 4.0
    assert resumed["value"] < first["value"], "two more epochs should lower the validation loss"
    with open(resumed["checkpoint"], "rb") as file:
        assert pickle.load(file)["epoch"] == 4


def test_each_trial_saves_in_its_own_folder_under_the_root(tmp_path: Path) -> None:
    ctx = context(1, root=tmp_path)
    result = pbt_digits.train(ctx)
    folder = Path(result["checkpoint"]).parent
    assert folder == tmp_path / ctx.study_id.replace("-", "") / ctx.trial_id.replace("-", "")
    assert sorted(os.listdir(folder)) == ["model.pkl"]


def test_the_learning_rate_of_the_resuming_trial_applies_from_the_checkpoint_on(tmp_path: Path) -> None:
    first = pbt_digits.train(context(2, learning_rate=0.05, root=tmp_path))
    same = pbt_digits.train(context(4, learning_rate=0.05, checkpoint=first["checkpoint"], root=tmp_path))
    lower = pbt_digits.train(context(4, learning_rate=0.001, checkpoint=first["checkpoint"], root=tmp_path))
    assert lower["value"] != pytest.approx(same["value"], rel=1e-6)
    with open(lower["checkpoint"], "rb") as file:
        assert pickle.load(file)["model"]._optimizer.learning_rate == 0.001


def test_a_missing_checkpoint_fails_for_good_and_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(TrialFailedError, match="HYPERBUS_CHECKPOINTS"):
        pbt_digits.train(context(2, checkpoint=str(tmp_path / "gone.pkl"), root=tmp_path))


def test_the_checkpoint_root_defaults_to_the_environment_variable(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv(checkpoints.ENVIRONMENT_VARIABLE, str(tmp_path / "shared"))
    ctx = context(1)
    assert ctx.checkpoint_dir().startswith(str(tmp_path / "shared"))
    monkeypatch.delenv(checkpoints.ENVIRONMENT_VARIABLE)
    assert checkpoints.default_root().endswith("hyperbus-checkpoints")


def test_a_worker_resumes_from_the_checkpoint_a_request_carries(
        host: Host, start_worker: Callable[..., WorkerProcess], tmp_path: Path) -> None:
    start_worker(["pbt-digits"], "pbt", "--checkpoints", str(tmp_path), "--decision-timeout", "1")
    first = host.request("pbt-digits", params={"learning_rate": 0.05}, fixed={"seed": 0},
                         budget={"name": "epochs", "amount": 2})
    written = host.wait_for_outcome(first["trialId"], timeout=60)
    assert written.type == "TrialCompleted", written.body
    assert written.body["checkpoint"].startswith(str(tmp_path))

    second = host.request("pbt-digits", params={"learning_rate": 0.05}, fixed={"seed": 0},
                          budget={"name": "epochs", "amount": 4}, checkpoint=written.body["checkpoint"])
    resumed = host.wait_for_outcome(second["trialId"], timeout=60)
    assert resumed.type == "TrialCompleted", resumed.body
    assert resumed.body["metrics"]["epochs"] == 4.0
    straight = pbt_digits.train(context(4, root=tmp_path))
    assert resumed.body["value"] == pytest.approx(straight["value"], rel=1e-12)
