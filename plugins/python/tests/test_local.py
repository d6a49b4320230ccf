"""The local transport (what `hyperbus tune` starts): one JSON message per line, the SDK's own trial path."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time

from hyperbus_trainer import trainer
from hyperbus_trainer.local import LocalWorker

STUDY = "00000000-0000-0000-0000-000000000001"
TRIAL = "00000000-0000-0000-0000-000000000002"


@trainer("test-local-epochs")
def by_epochs(ctx):
    value = 0.0
    for epoch in range(1, 6):
        value = epoch / 10
        if ctx.report(epoch, value) == "stop":
            break
    return value


def request(trainer_kind: str, params: dict) -> bytes:
    message = {"studyId": STUDY, "trialId": TRIAL, "number": 0, "attempt": 1, "trainer": trainer_kind,
               "metric": "accuracy", "params": params, "fixed": {}, "budget": None, "checkpoint": None,
               "deadline": "2099-01-01T00:00:00Z"}
    return json.dumps({"messageType": "TrialRequested", "message": message}).encode() + b"\n"


class _Pipe(io.RawIOBase):
    """A blocking input stream the test feeds line by line."""

    def __init__(self) -> None:
        self._lines: list[bytes] = []
        self._cond = threading.Condition()
        self._closed = False

    def feed(self, line: bytes) -> None:
        with self._cond:
            self._lines.append(line)
            self._cond.notify_all()

    def close_input(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def __iter__(self):
        while True:
            with self._cond:
                while not self._lines and not self._closed:
                    self._cond.wait()
                if not self._lines:
                    return
                line = self._lines.pop(0)
            yield line


class _Sink(io.RawIOBase):
    def __init__(self) -> None:
        self.lines: list[dict] = []
        self._cond = threading.Condition()

    def write(self, data: bytes) -> int:
        with self._cond:
            self.lines.extend(json.loads(line) for line in data.splitlines() if line.strip())
            self._cond.notify_all()
        return len(data)

    def wait_for(self, message_type: str, count: int = 1, timeout: float = 10.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [line for line in self.lines if line["messageType"] == message_type]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                assert left > 0, f"no {count} {message_type} in {self.lines}"
                self._cond.wait(left)


def test_a_report_waits_for_the_decision_line_and_stop_prunes_the_trial():
    incoming, outgoing = _Pipe(), _Sink()
    worker = LocalWorker({"test-local-epochs": by_epochs}, incoming, outgoing, worker_id="w1")
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    incoming.feed(request("test-local-epochs", {}))

    started = outgoing.wait_for("TrialStarted")[0]["message"]
    assert started["trialId"] == TRIAL and started["workerId"] == "w1" and started["startedAt"]
    for step, action in ((1, "Continue"), (2, "Stop")):
        report = outgoing.wait_for("TrialReported", step)[-1]["message"]
        assert report["step"] == step
        decision = {"studyId": STUDY, "trialId": TRIAL, "attempt": 1, "step": step, "action": action,
                    "params": None, "checkpoint": None}
        incoming.feed(json.dumps({"messageType": "TrialDecision", "message": decision}).encode() + b"\n")

    completed = outgoing.wait_for("TrialCompleted")[0]["message"]
    assert completed["pruned"] is True and completed["value"] == 0.2
    incoming.close_input()
    thread.join(5)
    assert not thread.is_alive()


def test_the_command_serves_sklearn_svc_over_stdin_and_stdout_and_exits_when_input_ends():
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    process = subprocess.run(
        [sys.executable, "-m", "hyperbus_trainer", "--local", "--trainer", "sklearn-svc"],
        input=request("sklearn-svc", {"C": 1.0, "gamma": 0.1, "kernel": "rbf", "dataset": "iris"}),
        capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": package_root}, check=True)
    lines = [json.loads(line) for line in process.stdout.splitlines()]

    assert [line["messageType"] for line in lines] == ["TrialStarted", "TrialCompleted"]
    assert 0.9 < lines[1]["message"]["value"] <= 1.0

