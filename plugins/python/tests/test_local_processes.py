"""``--local --processes N`` (what `hyperbus tune` starts): trials in forked processes of one interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from typing import Optional

PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.dirname(os.path.abspath(__file__))
STUDY = "00000000-0000-0000-0000-000000000001"


def request(trainer_kind: str, params: dict, timeout_seconds: Optional[float] = None, number: int = 0) -> tuple[str, bytes]:
    trial = str(uuid.uuid4())
    message = {"studyId": STUDY, "trialId": trial, "number": number, "attempt": 1, "trainer": trainer_kind,
               "metric": "accuracy", "params": params, "fixed": {}, "budget": None, "checkpoint": None,
               "deadline": "2099-01-01T00:00:00Z", "timeoutSeconds": timeout_seconds}
    return trial, json.dumps({"messageType": "TrialRequested", "message": message}).encode() + b"\n"


class Worker:
    """A real ``python3 -m hyperbus_trainer --local --processes N`` with the tests' trainers."""

    def __init__(self, processes: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hyperbus_trainer", "--local", "--processes", str(processes),
             "--module", "trainers_for_tests", "--no-examples", "--log-level", "INFO"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=TESTS,
            env={**os.environ, "PYTHONPATH": PACKAGE_ROOT + os.pathsep + TESTS})
        self.lines: list[dict] = []
        self._cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._cond:
                self.lines.append(json.loads(line))
                self._cond.notify_all()

    def send(self, line: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line)
        self.process.stdin.flush()

    def outcome(self, trial: str, timeout: float = 30.0) -> dict:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self.lines:
                    if line["messageType"] in ("TrialCompleted", "TrialFailed") and line["message"]["trialId"] == trial:
                        return line
                left = deadline - time.monotonic()
                assert left > 0, f"no outcome for {trial} in {self.lines}"
                self._cond.wait(left)

    def close(self) -> tuple[int, str]:
        assert self.process.stdin is not None and self.process.stderr is not None
        self.process.stdin.close()
        code = self.process.wait(30)
        return code, self.process.stderr.read().decode()


def test_trials_run_side_by_side_in_child_processes_and_the_worker_exits_when_input_ends():
    worker = Worker(processes=2)
    first, first_line = request("test-slow", {"seconds": 1.0}, number=0)
    second, second_line = request("test-slow", {"seconds": 1.0}, number=1)
    worker.send(first_line)
    worker.send(second_line)

    outcomes = [worker.outcome(first), worker.outcome(second)]
    code, stderr = worker.close()

    assert [o["messageType"] for o in outcomes] == ["TrialCompleted", "TrialCompleted"]
    workers = {line["message"]["workerId"] for line in worker.lines if line["messageType"] == "TrialStarted"}
    assert len(workers) == 2, workers  # two children, each its own worker id (and pid)
    kinds = [line["messageType"] for line in worker.lines]
    assert kinds.index("TrialCompleted") > max(i for i, k in enumerate(kinds) if k == "TrialStarted")  # both ran at once
    assert code == 0, stderr


def test_a_trainer_past_its_deadline_is_killed_its_attempt_failed_and_the_next_trial_runs():
    worker = Worker(processes=1)
    hung, hung_line = request("test-hang", {}, timeout_seconds=1.0, number=0)
    worker.send(hung_line)

    failed = worker.outcome(hung, timeout=45)  # the trainer would sleep 60 s: only the kill answers sooner
    assert failed["messageType"] == "TrialFailed"
    assert failed["message"]["retryable"] is True
    assert "deadline passed" in failed["message"]["error"] and "killed" in failed["message"]["error"]

    after, after_line = request("test-slow", {"seconds": 0.1}, number=1)
    worker.send(after_line)
    assert worker.outcome(after)["messageType"] == "TrialCompleted"  # a fresh child took the slot
    code, stderr = worker.close()
    assert code == 0, stderr
    assert "passed its deadline" in stderr
    outcomes = [line for line in worker.lines if line["messageType"] in ("TrialCompleted", "TrialFailed")
                and line["message"]["trialId"] == hung]
    assert len(outcomes) == 1  # the killed trainer never answers late


def test_a_child_that_dies_fails_its_trial_as_retryable_and_is_replaced():
    worker = Worker(processes=1)
    dying, dying_line = request("test-exit", {}, number=0)
    worker.send(dying_line)

    failed = worker.outcome(dying)
    assert failed["messageType"] == "TrialFailed" and failed["message"]["retryable"] is True
    assert "exited with code 3" in failed["message"]["error"]

    after, after_line = request("test-slow", {"seconds": 0.1}, number=1)
    worker.send(after_line)
    assert worker.outcome(after)["messageType"] == "TrialCompleted"
    assert worker.close()[0] == 0
