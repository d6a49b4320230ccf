"""At-least-once: a worker killed mid-trial leaves the request to another worker."""

from __future__ import annotations

from typing import Callable

from conftest import Host, WorkerProcess
from rabbit_node import VHOST, RabbitNode


def test_a_trial_of_a_killed_worker_is_redelivered_and_completed_once(
        host: Host, start_worker: Callable[..., WorkerProcess]) -> None:
    first = start_worker(["test-slow"], "doomed", "--no-examples")
    request = host.request("test-slow", params={"seconds": 3})
    host.wait(lambda: host.events(request["trialId"], "TrialStarted"), 15, "the first worker to start")

    first.kill()
    second = start_worker(["test-slow"], "survivor", "--no-examples")
    outcome = host.wait_for_outcome(request["trialId"], timeout=30)
    host.pump(1.0)  # a second outcome, if there were one, would arrive now

    assert outcome.type == "TrialCompleted" and outcome.body["workerId"] == second.worker_id
    assert len(host.events(request["trialId"], "TrialCompleted")) == 1
    assert [m.body["workerId"] for m in host.events(request["trialId"], "TrialStarted")] == [
        first.worker_id, second.worker_id]
    second.stop()  # anything still unacknowledged would go back to the queue now
    assert host.ready_messages("hyperbus-trainer-test-slow") == 0


def _close_connection_of(rabbit: RabbitNode, worker_id: str) -> None:
    listed = rabbit._ctl("list_connections", "-p", VHOST, "--quiet", "--no-table-headers", "pid",
                         "client_properties")
    pids = [line.split("\t")[0] for line in listed.stdout.splitlines() if worker_id in line]
    assert len(pids) == 1, listed.stdout
    closed = rabbit._ctl("close_connection", pids[0], "closed by the test")
    assert closed.returncode == 0, closed.stderr


def test_a_worker_reconnects_and_adopts_the_redelivery_of_the_trial_it_is_still_training(
        host: Host, start_worker: Callable[..., WorkerProcess], rabbit: RabbitNode) -> None:
    worker = start_worker(["test-slow"], "flaky", "--no-examples")
    request = host.request("test-slow", params={"seconds": 5})
    host.wait(lambda: host.events(request["trialId"], "TrialStarted"), 15, "the worker to start")

    _close_connection_of(rabbit, worker.worker_id)
    outcome = host.wait_for_outcome(request["trialId"], timeout=30)
    host.pump(1.0)

    assert outcome.type == "TrialCompleted" and outcome.body["workerId"] == worker.worker_id
    assert len(host.events(request["trialId"], "TrialCompleted")) == 1
    assert len(host.events(request["trialId"], "TrialStarted")) == 1
    assert "reconnecting in 1 s" in worker.log and "adopting the delivery" in worker.log
    worker.stop()
    assert host.ready_messages("hyperbus-trainer-test-slow") == 0
