"""The worker against a real broker, with the test playing the optimizer host."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import datetime, timezone
from typing import Callable

from sklearn.datasets import load_wine
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.svm import SVC

from conftest import PACKAGE_ROOT, Host, WorkerProcess
from rabbit_node import PASSWORD, RabbitNode, VHOST


def test_svc_trial_is_started_completed_with_the_cross_validation_accuracy_and_acked(
        host: Host, worker: WorkerProcess, rabbit: RabbitNode) -> None:
    params = {"C": 3.0, "gamma": 0.0001, "kernel": "rbf"}
    request = host.request("sklearn-svc", number=7, params=params, fixed={"dataset": "wine", "folds": 5})

    outcome = host.wait_for_outcome(request["trialId"])

    features, labels = load_wine(return_X_y=True)
    expected = cross_val_score(SVC(**params), features, labels, cv=StratifiedKFold(n_splits=5)).mean()
    grid = GridSearchCV(SVC(), {k: [v] for k, v in params.items()}).fit(features, labels)
    assert outcome.type == "TrialCompleted", outcome.body
    assert outcome.body["value"] == expected == grid.best_score_
    assert outcome.body["pruned"] is False
    assert outcome.body["workerId"] == worker.worker_id
    assert outcome.body["attempt"] == 1 and outcome.body["studyId"] == request["studyId"]
    assert set(outcome.body["metrics"]) == {"fold0", "fold1", "fold2", "fold3", "fold4", "std"}
    assert outcome.body["durationSeconds"] > 0
    started = host.events(request["trialId"], "TrialStarted")
    assert len(started) == 1 and started[0].body["workerId"] == worker.worker_id
    assert started[0].body["startedAt"].endswith("+00:00")
    for message in (started[0], outcome):
        assert message.properties.content_type == "application/json"
        assert message.properties.delivery_mode == 2
        assert uuid.UUID(message.properties.message_id)
        urn = f"urn:message:HyperBus.Contracts:{message.type}"
        assert message.properties.headers["MT-MessageType"] == urn
    assert _messages_including_unacked(rabbit, "hyperbus-trainer-sklearn-svc") == 0


def _messages_including_unacked(rabbit: RabbitNode, queue: str) -> int:
    listed = rabbit._ctl("list_queues", "-p", VHOST, "--quiet", "--no-table-headers", "name", "messages")
    counts = dict(line.split("\t") for line in listed.stdout.strip().splitlines())
    return int(counts[queue])


def test_a_trainer_that_raises_fails_the_trial_as_retryable(host: Host, worker: WorkerProcess) -> None:
    request = host.request("test-raise", number=3)
    outcome = host.wait_for_outcome(request["trialId"])
    assert outcome.type == "TrialFailed"
    assert outcome.body["retryable"] is True
    assert outcome.body["error"] == "RuntimeError: boom in trial 3"
    assert outcome.body["workerId"] == worker.worker_id


def test_trial_failed_error_fails_the_trial_as_not_retryable(host: Host, worker: WorkerProcess) -> None:
    request = host.request("test-fail")
    outcome = host.wait_for_outcome(request["trialId"])
    assert (outcome.type, outcome.body["retryable"], outcome.body["error"]) == (
        "TrialFailed", False, "C must be positive")


def test_a_nan_objective_fails_the_attempt_as_retryable(host: Host, worker: WorkerProcess) -> None:
    request = host.request("test-nan")
    outcome = host.wait_for_outcome(request["trialId"])
    assert (outcome.type, outcome.body["retryable"], outcome.body["error"]) == (
        "TrialFailed", True, "objective is NaN")


def test_an_unknown_trainer_kind_fails_the_trial_as_not_retryable(host: Host, worker: WorkerProcess) -> None:
    request = host.request("no-such-trainer", queue_kind="sklearn-svc")
    outcome = host.wait_for_outcome(request["trialId"])
    assert outcome.type == "TrialFailed" and outcome.body["retryable"] is False
    assert "no-such-trainer" in outcome.body["error"]


def test_malformed_messages_go_to_the_error_queue_and_the_worker_keeps_serving(
        host: Host, worker: WorkerProcess) -> None:
    host.send_raw("sklearn-svc", b"{not json")
    host.send_raw("sklearn-svc", json.dumps({"studyId": str(uuid.uuid4()), "number": 1}).encode())
    request = host.request("sklearn-svc", fixed={"dataset": "iris"})

    assert host.wait_for_outcome(request["trialId"]).type == "TrialCompleted"
    faults = []
    while len(faults) < 2:
        method, properties, body = host.channel.basic_get("hyperbus-trainer-sklearn-svc_error", auto_ack=True)
        assert method is not None, f"only {len(faults)} message(s) in the error queue"
        faults.append((body, properties.headers["MT-Fault-Message"]))
    assert faults[0][0] == b"{not json" and "not valid JSON" in faults[0][1]
    assert "'trialId' is missing" in faults[1][1]
    assert worker.process.poll() is None
    assert "not valid JSON" in worker.log


def test_an_oversized_request_is_refused_into_the_error_queue(host: Host, worker: WorkerProcess) -> None:
    huge = host.request("sklearn-svc", fixed={"dataset": "iris", "padding": "x" * (2 * 1024 * 1024)})
    following = host.request("sklearn-svc", fixed={"dataset": "iris"})

    assert host.wait_for_outcome(following["trialId"]).type == "TrialCompleted"
    assert host.events(huge["trialId"]) == []
    method, properties, body = host.channel.basic_get("hyperbus-trainer-sklearn-svc_error", auto_ack=True)
    assert method is not None and "over the 1048576-byte limit" in properties.headers["MT-Fault-Message"]
    # Parked unchanged, not cut to the limit: the error queue holds exactly what was sent.
    assert body == json.dumps(huge).encode()


def test_a_checkpoint_outside_the_checkpoint_folder_is_refused(host: Host, worker: WorkerProcess) -> None:
    request = host.request("sklearn-svc", fixed={"dataset": "iris"}, checkpoint="/etc/passwd")
    outcome = host.wait_for_outcome(request["trialId"])
    assert outcome.type == "TrialFailed" and outcome.body["retryable"] is False
    assert "is outside the checkpoint folder" in outcome.body["error"]


def test_a_stop_decision_ends_the_trial_as_pruned_with_the_last_reported_value(
        host: Host, worker: WorkerProcess) -> None:
    def answer(message) -> None:  # type: ignore[no-untyped-def]
        if message.type == "TrialReported":
            host.decide(message, "Continue" if message.body["step"] < 3 else "Stop")

    host.on_message = answer
    request = host.request("sgd-digits", params={"alpha": 0.001}, budget={"name": "epochs", "amount": 20})
    outcome = host.wait_for_outcome(request["trialId"])

    reports = host.events(request["trialId"], "TrialReported")
    assert [r.body["step"] for r in reports] == [1, 2, 3]
    assert reports[0].body["workerId"] == worker.worker_id and reports[0].body["checkpoint"] is None
    assert reports[0].properties.headers["MT-MessageType"] == "urn:message:HyperBus.Contracts:TrialReported"
    assert outcome.type == "TrialCompleted", outcome.body
    assert outcome.body["pruned"] is True
    assert outcome.body["value"] == reports[-1].body["value"]
    assert outcome.body["metrics"]["epochs"] == 3


def test_without_a_decision_the_trial_continues_after_the_timeout(host: Host, worker: WorkerProcess) -> None:
    request = host.request("sgd-digits", budget={"name": "epochs", "amount": 2})
    outcome = host.wait_for_outcome(request["trialId"])
    assert outcome.type == "TrialCompleted" and outcome.body["pruned"] is False
    assert len(host.events(request["trialId"], "TrialReported")) == 2


def test_the_password_never_appears_in_the_log(worker: WorkerProcess) -> None:
    log = worker.log
    assert "hyperbus:***@127.0.0.1" in log
    assert PASSWORD not in log


def test_the_entry_point_refuses_to_start_without_a_url() -> None:
    env = {k: v for k, v in os.environ.items() if k != "HYPERBUS_RABBITMQ"}
    env["PYTHONPATH"] = str(PACKAGE_ROOT)
    result = subprocess.run([sys.executable, "-m", "hyperbus_trainer", "--no-examples"], env=env,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "HYPERBUS_RABBITMQ" in result.stderr


def test_a_quick_trial_is_named_by_its_outcome_and_a_long_one_is_announced_with_its_start_time(
        host: Host, start_worker: Callable[..., WorkerProcess]) -> None:
    worker = start_worker(["test-slow"], "announcing", "--no-examples", "--announce-after", "1")
    quick = host.request("test-slow", params={"seconds": 0.05})
    quick_outcome = host.wait_for_outcome(quick["trialId"], timeout=30)
    long = host.request("test-slow", params={"seconds": 2.5})
    long_outcome = host.wait_for_outcome(long["trialId"], timeout=30)

    assert quick_outcome.type == "TrialCompleted" and quick_outcome.body["workerId"] == worker.worker_id
    assert host.events(quick["trialId"], "TrialStarted") == []
    started = host.events(long["trialId"], "TrialStarted")
    assert long_outcome.type == "TrialCompleted" and len(started) == 1
    assert started[0].body["workerId"] == worker.worker_id
    # Sent a second in, it still names the moment training began: 2.5 s of training followed it.
    started_at = datetime.fromisoformat(started[0].body["startedAt"])
    assert (datetime.now(timezone.utc) - started_at).total_seconds() >= 2.5
