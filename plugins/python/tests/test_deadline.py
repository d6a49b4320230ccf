"""A hung trainer must not wedge its worker: past the trial's timeout the worker lets go of it."""

from __future__ import annotations

from typing import Callable

from conftest import Host, WorkerProcess


def test_a_trainer_past_its_timeout_is_abandoned_and_the_worker_serves_the_next_trial(
        host: Host, start_worker: Callable[..., WorkerProcess]) -> None:
    worker = start_worker(["test-hang", "test-slow"], "hung", "--no-examples")  # one slot
    hung = host.request("test-hang", timeoutSeconds=1)

    outcome = host.wait_for_outcome(hung["trialId"], timeout=20)
    assert outcome.type == "TrialFailed" and outcome.body["retryable"] is True
    assert "deadline passed" in outcome.body["error"] and worker.worker_id in outcome.body["error"]

    following = host.request("test-slow", params={"seconds": 0.2})
    assert host.wait_for_outcome(following["trialId"], timeout=20).type == "TrialCompleted"
    assert host.ready_messages("hyperbus-trainer-test-hang") == 0


def test_a_trial_within_its_timeout_completes_and_one_beyond_it_is_abandoned(
        host: Host, start_worker: Callable[..., WorkerProcess]) -> None:
    start_worker(["test-slow"], "reporting", "--no-examples")
    # test-slow never reports: with a timeout shorter than its work it is abandoned ...
    slow = host.request("test-slow", params={"seconds": 6}, timeoutSeconds=1)
    assert host.wait_for_outcome(slow["trialId"], timeout=20).type == "TrialFailed"
    # ... and with a timeout longer than its work it completes.
    ok = host.request("test-slow", params={"seconds": 1}, timeoutSeconds=5)
    assert host.wait_for_outcome(ok["trialId"], timeout=20).type == "TrialCompleted"
