"""Fixtures: a private RabbitMQ node, a stand-in for the optimizer host, worker processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pika
import pytest

TESTS = Path(__file__).resolve().parent
PACKAGE_ROOT = TESTS.parent
sys.path[:0] = [str(PACKAGE_ROOT), str(TESTS)]

from rabbit_node import RabbitNode  # noqa: E402
from schema_check import problems  # noqa: E402
EVENT_TYPES = ("TrialStarted", "TrialReported", "TrialCompleted", "TrialFailed")


@pytest.fixture(scope="session")
def rabbit() -> Iterator[RabbitNode]:
    node = RabbitNode().start()  # raises (fails the tests) when rabbitmq-server is not installed
    try:
        yield node
    finally:
        node.stop()


class Message:
    def __init__(self, exchange: str, properties: pika.BasicProperties, body: bytes) -> None:
        self.exchange = exchange
        self.type = exchange.split(":")[-1]
        self.properties = properties
        self.body: dict[str, Any] = json.loads(body)


class Host:
    """Plays the optimizer host: sends TrialRequested and TrialDecision, records every event."""

    def __init__(self, url: str) -> None:
        self.connection = pika.BlockingConnection(pika.URLParameters(url))
        self.channel = self.connection.channel()
        self.received: list[Message] = []
        self.on_message: Optional[Callable[[Message], None]] = None
        for message_type in EVENT_TYPES:
            exchange = f"HyperBus.Contracts:{message_type}"
            self.channel.exchange_declare(exchange, exchange_type="fanout", durable=True)
            queue = self.channel.queue_declare("", exclusive=True).method.queue
            self.channel.queue_bind(queue, exchange)
            self.channel.basic_consume(queue, self._record, auto_ack=True)
        self.channel.exchange_declare("hyperbus-decisions", exchange_type="direct", durable=True)

    def _record(self, channel: Any, method: Any, properties: Any, body: bytes) -> None:
        message = Message(method.exchange, properties, body)
        assert not problems(message.type, message.body), (message.type, problems(message.type, message.body))
        self.received.append(message)
        if self.on_message is not None:
            self.on_message(message)

    def declare_trainer_queue(self, kind: str) -> str:
        queue = f"hyperbus-trainer-{kind}"
        self.channel.queue_declare(queue, durable=True)
        return queue

    def request(self, kind: str, queue_kind: Optional[str] = None, headers: Optional[dict[str, Any]] = None,
                **fields: Any) -> dict[str, Any]:
        body = {
            "studyId": str(uuid.uuid4()), "trialId": str(uuid.uuid4()), "number": 0, "attempt": 1,
            "trainer": kind, "metric": "accuracy", "params": {}, "fixed": {}, "budget": None,
            "checkpoint": None, "deadline": "2030-01-01T00:00:00+00:00", **fields}
        assert not problems("TrialRequested", body), problems("TrialRequested", body)
        self.send_raw(queue_kind or kind, json.dumps(body).encode(), headers)
        return body

    def send_raw(self, kind: str, body: bytes, headers: Optional[dict[str, Any]] = None) -> None:
        self.channel.basic_publish("", self.declare_trainer_queue(kind), body, pika.BasicProperties(
            content_type="application/json", delivery_mode=2, message_id=str(uuid.uuid4()),
            headers={**(headers or {}), "MT-MessageType": "urn:message:HyperBus.Contracts:TrialRequested"}))

    def decide(self, report: Message, action: str) -> None:
        body = {key: report.body[key] for key in ("studyId", "trialId", "attempt", "step")}
        body.update(action=action, params=None, checkpoint=None)
        assert not problems("TrialDecision", body), problems("TrialDecision", body)
        self.channel.basic_publish("hyperbus-decisions", report.body["workerId"], json.dumps(body).encode(),
                                   pika.BasicProperties(content_type="application/json"))

    def events(self, trial_id: str, message_type: Optional[str] = None) -> list[Message]:
        return [m for m in self.received if m.body.get("trialId") == trial_id
                and (message_type is None or m.type == message_type)]

    def wait_for_outcome(self, trial_id: str, timeout: float = 30) -> Message:
        def outcome() -> Optional[Message]:
            found = [m for m in self.events(trial_id) if m.type in ("TrialCompleted", "TrialFailed")]
            return found[0] if found else None
        return self.wait(outcome, timeout, f"no outcome for trial {trial_id}")

    def wait(self, condition: Callable[[], Any], timeout: float, what: str) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            self.connection.process_data_events(time_limit=0.05)
        raise AssertionError(f"timed out after {timeout} s: {what}")

    def pump(self, seconds: float) -> None:
        self.connection.process_data_events(time_limit=seconds)

    def ready_messages(self, queue: str) -> int:
        return self.channel.queue_declare(queue, passive=True).method.message_count

    def close(self) -> None:
        if self.connection.is_open:
            self.connection.close()


@pytest.fixture()
def host(rabbit: RabbitNode) -> Iterator[Host]:
    stand_in = Host(rabbit.url)
    yield stand_in
    stand_in.close()


class WorkerProcess:
    """``python3 -m hyperbus_trainer`` as a child process, its log in a file."""

    def __init__(self, url: str, kinds: list[str], worker_id: str, log_dir: Path, *extra: str) -> None:
        self.worker_id = worker_id
        self.log_path = log_dir / f"{worker_id}.log"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(PACKAGE_ROOT), str(TESTS)]))
        env.pop("HYPERBUS_RABBITMQ", None)
        # Tests watch TrialStarted of every trial, quick or not: announce at once unless a test says otherwise.
        command = [sys.executable, "-m", "hyperbus_trainer", "--rabbitmq", url, "--worker-id", worker_id,
                   "--module", "trainers_for_tests", "--announce-after", "0", *extra]
        for kind in kinds:
            command += ["--trainer", kind]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)
        self._wait_until_serving()

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _wait_until_serving(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if f"worker {self.worker_id} serving" in self.log:
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise AssertionError(f"worker {self.worker_id} did not start:\n{self.log}")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def worker_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workers")


@pytest.fixture(scope="module")
def worker(rabbit: RabbitNode, worker_logs: Path) -> Iterator[WorkerProcess]:
    """One worker serving the examples and the misbehaving trainers; decisions time out after 2 s."""
    process = WorkerProcess(
        rabbit.url, ["sklearn-svc", "sgd-digits", "test-raise", "test-fail", "test-nan"],
        f"shared-{uuid.uuid4().hex[:6]}", worker_logs, "--concurrency", "2", "--decision-timeout", "2")
    yield process
    process.stop()


@pytest.fixture()
def start_worker(rabbit: RabbitNode, worker_logs: Path) -> Iterator[Callable[..., WorkerProcess]]:
    started: list[WorkerProcess] = []

    def start(kinds: list[str], name: str, *extra: str) -> WorkerProcess:
        process = WorkerProcess(rabbit.url, kinds, f"{name}-{uuid.uuid4().hex[:6]}", worker_logs, *extra)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()
