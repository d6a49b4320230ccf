"""Publisher confirms that do not block: a request is acknowledged only once its outcome is confirmed,
a refused (nacked) outcome is published again, a confirm that never comes loses nothing, and many
trials in flight across a lost connection each get their outcome."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import datetime
from typing import Callable

from conftest import PACKAGE_ROOT, TESTS, Host, WorkerProcess
from rabbit_node import VHOST, RabbitNode

COMPLETED = "HyperBus.Contracts:TrialCompleted"


def _queue_counts(rabbit: RabbitNode, queue: str) -> tuple[int, int]:
    """(ready, unacknowledged) messages of a queue, as the broker counts them."""
    listed = rabbit._ctl("list_queues", "-p", VHOST, "--quiet", "--no-table-headers", "name", "messages_ready",
                         "messages_unacknowledged")
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in listed.stdout.strip().splitlines()}
    ready, unacked = rows[queue]
    return int(ready), int(unacked)


def test_an_outcome_the_broker_refuses_is_published_again_and_its_request_stays_unacked_until_confirmed(
        host: Host, start_worker: Callable[..., WorkerProcess], rabbit: RabbitNode) -> None:
    worker = start_worker(["test-slow"], "refused", "--no-examples")
    queue = host.declare_trainer_queue("test-slow")
    # A queue that takes nothing and says so: every TrialCompleted routed to it is nacked, although the
    # host's own queue gets a copy.
    refusing = f"refusing-{uuid.uuid4().hex[:6]}"
    host.channel.queue_declare(refusing, arguments={"x-max-length": 0, "x-overflow": "reject-publish"})
    host.channel.queue_bind(refusing, COMPLETED)
    try:
        request = host.request("test-slow", params={"seconds": 0.1})
        host.wait_for_outcome(request["trialId"], timeout=20)
        host.wait(lambda: "publishing again" in worker.log, 10, "the worker to log the refusal")
        host.pump(1.5)  # at least one more refused attempt

        # The host has seen the outcome, but the broker never confirmed it: the request is still held.
        assert _queue_counts(rabbit, queue) == (0, 1)
        refused = host.events(request["trialId"], "TrialCompleted")
        assert len(refused) >= 2, "published again after the nack"
        assert len({m.properties.message_id for m in refused}) == 1, "a resend keeps its message id"
    finally:
        host.channel.queue_delete(refusing)

    host.wait(lambda: _queue_counts(rabbit, queue) == (0, 0), 10, "the request to be acked once confirmed")
    assert f"trial {request['trialId']} attempt 1: TrialCompleted 0.5" in worker.log


def test_while_a_confirm_does_not_come_the_request_is_held_and_a_killed_worker_loses_nothing(
        host: Host, start_worker: Callable[..., WorkerProcess], rabbit: RabbitNode) -> None:
    first = start_worker(["test-slow"], "unconfirmed", "--no-examples")
    queue = host.declare_trainer_queue("test-slow")
    request = host.request("test-slow", params={"seconds": 1.5})
    host.wait(lambda: host.events(request["trialId"], "TrialStarted"), 15, "the trial to start")
    # A disk alarm: the broker blocks publishing connections, and the outcome's confirm does not come.
    assert rabbit._ctl("set_disk_free_limit", "1000000GB").returncode == 0
    try:
        host.pump(3.0)  # the trainer returns 1.5 s in; its outcome waits for the confirm
        assert "attempt 1: TrialCompleted" not in first.log, "acked without a confirm"
        assert _queue_counts(rabbit, queue) == (0, 1)
        first.kill()
    finally:
        assert rabbit._ctl("set_disk_free_limit", "50MB").returncode == 0

    # The request comes back (the outcome may have reached the host before the block: at least once).
    host.wait(lambda: _queue_counts(rabbit, queue) == (1, 0), 20, "the request to return to the queue")
    second = start_worker(["test-slow"], "after-alarm", "--no-examples")

    def by_second() -> list:
        return [m for m in host.events(request["trialId"], "TrialCompleted") if m.body["workerId"] == second.worker_id]

    host.wait(by_second, 30, "the second worker's outcome")
    host.wait(lambda: _queue_counts(rabbit, queue) == (0, 0), 10, "the redelivered request to be acked")


def _close_connection_of(rabbit: RabbitNode, worker_id: str) -> None:
    listed = rabbit._ctl("list_connections", "-p", VHOST, "--quiet", "--no-table-headers", "pid",
                         "client_properties")
    pids = [line.split("\t")[0] for line in listed.stdout.splitlines() if worker_id in line]
    assert len(pids) == 1, listed.stdout
    assert rabbit._ctl("close_connection", pids[0], "closed by the test").returncode == 0


def test_many_trials_in_flight_across_a_lost_connection_all_get_an_outcome_and_every_request_is_acked(
        host: Host, start_worker: Callable[..., WorkerProcess], rabbit: RabbitNode) -> None:
    worker = start_worker(["test-slow"], "many", "--no-examples", "--concurrency", "16", "--announce-after", "1")
    queue = host.declare_trainer_queue("test-slow")
    requests = [host.request("test-slow", number=n, params={"seconds": 0.1}) for n in range(240)]
    ids = {r["trialId"] for r in requests}

    def outcomes() -> set[str]:
        return {m.body["trialId"] for m in host.received if m.type in ("TrialCompleted", "TrialFailed")}

    host.wait(lambda: len(outcomes()) >= 60, 60, "the first outcomes")
    _close_connection_of(rabbit, worker.worker_id)  # outcomes in flight then are published again
    host.wait(lambda: outcomes() >= ids, 90, "an outcome for every trial")

    assert all(m.type == "TrialCompleted" for m in host.received if m.body["trialId"] in ids)
    assert "reconnecting in 1 s" in worker.log
    worker.stop()  # anything still unacknowledged goes back to the queue now
    assert _queue_counts(rabbit, queue) == (0, 0)


def test_no_more_trials_train_at_once_than_the_concurrency_though_the_prefetch_delivers_more(
        host: Host, start_worker: Callable[..., WorkerProcess], rabbit: RabbitNode) -> None:
    start_worker(["test-slow"], "bounded", "--no-examples", "--concurrency", "2", "--prefetch", "3")
    queue = host.declare_trainer_queue("test-slow")
    requests = [host.request("test-slow", number=n, params={"seconds": 1.0}) for n in range(8)]
    # Two train, and the prefetch lets one more wait at the worker rather than in the queue.
    host.wait(lambda: _queue_counts(rabbit, queue)[1] == 3, 15, "three deliveries held by the worker")
    for request in requests:
        host.wait_for_outcome(request["trialId"], timeout=30)

    training = []
    for request in requests:
        started = host.events(request["trialId"], "TrialStarted")[0].body["startedAt"]
        outcome = host.events(request["trialId"], "TrialCompleted")[0].body
        training.append((_seconds(started), _seconds(started) + outcome["durationSeconds"]))
    at_once = max(sum(1 for begin, end in training if begin <= moment < end) for moment, _ in training)
    assert at_once == 2, json.dumps(training)


def _seconds(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


def test_a_prefetch_below_the_concurrency_is_refused_naming_the_field(rabbit: RabbitNode) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(PACKAGE_ROOT), str(TESTS)]))
    done = subprocess.run([sys.executable, "-m", "hyperbus_trainer", "--rabbitmq", rabbit.url, "--no-examples",
                           "--trainer", "conformance", "--concurrency", "4", "--prefetch", "2"],
                          env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2, done.stderr
    assert "prefetch must be at least the concurrency (4), not 2" in done.stderr
    assert "Traceback" not in done.stderr
