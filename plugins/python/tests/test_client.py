"""The study client against a real host: ``hyperbus host`` and ``hyperbus worker`` on a real broker."""

from __future__ import annotations

import json
import math
import subprocess
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional

import pandas as pd
import pytest

import hyperbus
from conftest import PACKAGE_ROOT
from rabbit_node import PASSWORD, USER, RabbitNode

REPO = PACKAGE_ROOT.parent.parent
HYPERBUS_DLL = REPO / "src" / "HyperBus.Cli" / "bin" / "Release" / "net10.0" / "hyperbus.dll"
STATES = {"completed": "COMPLETE", "pruned": "PRUNED", "failed": "FAIL", "running": "RUNNING"}
BRANIN = {
    "study": "branin-py",
    "trials": 10,
    "parallelism": 2,
    "sampler": {"type": "random", "seed": 11},
    "trainer": "function",
    "fixed": {"function": "branin"},
    "space": {"x0": {"type": "float", "low": -5, "high": 10}, "x1": {"type": "float", "low": 0, "high": 15}},
}


class Dotnet:
    """A ``hyperbus`` command as a process, its output in a file; killed at the end."""

    def __init__(self, log: Path, *arguments: str) -> None:
        if not HYPERBUS_DLL.is_file():
            raise AssertionError(f"{HYPERBUS_DLL} is missing: dotnet build src/HyperBus.Cli -c Release first"
                                 " (tests/run-all.sh builds it)")
        self.log = log
        self._file = open(log, "w")
        self.process = subprocess.Popen(["dotnet", str(HYPERBUS_DLL), *arguments], stdout=self._file,
                                        stderr=subprocess.STDOUT, cwd=REPO)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        until = time.monotonic() + timeout
        while text not in self.log.read_text():
            assert self.process.poll() is None, f"exited early:\n{self.log.read_text()}"
            assert time.monotonic() < until, f"never printed {text!r}:\n{self.log.read_text()}"
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._file.close()


def _new_vhost(rabbit: RabbitNode) -> str:
    vhost = f"client-{uuid.uuid4().hex[:12]}"
    rabbit._ctl("add_vhost", vhost)
    rabbit._ctl("set_permissions", "-p", vhost, USER, ".*", ".*", ".*")
    return f"amqp://{USER}:{PASSWORD}@127.0.0.1:{rabbit.port}/{vhost}"


@pytest.fixture()
def broker(rabbit: RabbitNode) -> str:
    """A vhost no host serves."""
    return _new_vhost(rabbit)


@pytest.fixture(scope="module")
def served(rabbit: RabbitNode, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """One host and one C# worker for the module's tests (starting .NET processes is the slow part)."""
    broker = _new_vhost(rabbit)
    tmp_path = tmp_path_factory.mktemp("client")
    storage = tmp_path / "host.db"
    bus = ["--transport", "rabbitmq", "--rabbitmq", broker, "--verbose"]
    host = Dotnet(tmp_path / "host.log", "host", *bus, "--storage", str(storage))
    worker = Dotnet(tmp_path / "worker.log", "worker", *bus, "--trainer", "function", "--concurrency", "2")
    try:
        host.wait_for("Bus started")
        worker.wait_for("Bus started")
        yield broker, storage
    finally:
        worker.stop()
        host.stop()


def _export(storage: Path, study: str) -> dict:
    command = ["dotnet", str(HYPERBUS_DLL), "export", study, "--format", "json", "--storage", str(storage)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _time(text: Optional[str]) -> Optional[pd.Timestamp]:
    """An export time to the microsecond (Python's datetime resolution; .NET writes 100 ns ticks)."""
    return None if text is None else pd.Timestamp(text).tz_convert(timezone.utc).floor("us")


def test_submit_waits_with_a_progress_bar_and_the_dataframe_rows_equal_hyperbus_export(
        served: tuple[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    broker, storage = served
    result = hyperbus.submit(BRANIN, rabbitmq=broker, wait=True, timeout=240)

    assert result.outcome == "Completed" and result.name == "branin-py"
    assert (result.completed, result.pruned, result.failed) == (10, 0, 0)
    assert "branin-py" in capsys.readouterr().err  # the progress bar (tqdm; a widget in Jupyter)

    study = hyperbus.load("branin-py", storage=str(storage))
    assert study.study_id == result.study_id and study.state == "completed" and study.direction == "minimize"
    assert study.best_value == result.best_value
    assert study.best_params == result.best_params
    assert study.best_trial.number == result.best_trial

    frame = study.trials_dataframe()
    exported = _export(storage, "branin-py")
    assert list(frame.columns) == ["number", "value", "datetime_start", "datetime_complete", "duration",
                                   "params_x0", "params_x1", "state", "trial_id", "attempts", "budget"]
    assert len(frame) == len(exported["trials"]) == 10
    for row, trial in zip(frame.itertuples(index=False), exported["trials"]):
        assert row.number == trial["number"]
        assert row.trial_id == trial["id"]
        assert row.state == STATES[trial["state"]]
        assert row.value == trial["value"]
        assert row.attempts == trial["attempt"]
        assert (row.params_x0, row.params_x1) == (trial["params"]["x0"], trial["params"]["x1"])
        start = _time(trial.get("startedAt"))
        assert (pd.isna(row.datetime_start) and start is None) or row.datetime_start == start
        assert row.datetime_complete == _time(trial["finishedAt"])
        assert math.isclose(row.duration.total_seconds(), trial["durationSeconds"], abs_tol=1e-6)
        assert row.budget is None and "budget" not in trial


def test_a_spec_the_host_rejects_raises_spec_error_naming_the_field(served: tuple[str, Path]) -> None:
    broker, _ = served
    bad = {**BRANIN, "study": "branin-bad", "space": {"x0": {"type": "float", "low": 1, "high": 0}}}
    with pytest.raises(hyperbus.SpecError) as rejected:
        hyperbus.submit(bad, rabbitmq=broker, progress=False, timeout=60)
    assert any("space.x0" in error for error in rejected.value.errors), rejected.value.errors


def test_without_a_host_submit_says_so_instead_of_waiting(broker: str) -> None:
    with pytest.raises(hyperbus.HostUnavailableError, match="no HyperBus host") as unavailable:
        hyperbus.submit(BRANIN, rabbitmq=broker, progress=False, timeout=10)
    assert PASSWORD not in str(unavailable.value)


def test_a_study_submitted_while_the_host_warms_up_waits_for_it(rabbit: RabbitNode, tmp_path: Path) -> None:
    broker = _new_vhost(rabbit)  # a fresh vhost: no host has ever declared its queue there
    bus = ["--transport", "rabbitmq", "--rabbitmq", broker, "--verbose"]
    worker = Dotnet(tmp_path / "worker.log", "worker", *bus, "--no-warmup", "--trainer", "function", "--concurrency", "2")
    host = Dotnet(tmp_path / "host.log", "host", *bus, "--storage", str(tmp_path / "host.db"))
    try:
        worker.wait_for("Bus started")
        host.wait_for("warming up through the broker")
        assert "hyperbus host: serving" not in host.log.read_text()  # submitted before the host serves
        result = hyperbus.submit({**BRANIN, "study": "branin-early", "trials": 4}, rabbitmq=broker, progress=False,
                                 timeout=120)
        assert (result.outcome, result.completed) == ("Completed", 4), result
        assert "hyperbus: warmed up in" in host.log.read_text()  # it waited out the warm-up, which ran
    finally:
        host.stop()
        worker.stop()


def test_load_names_the_studies_a_store_has_when_the_name_is_wrong(served: tuple[str, Path]) -> None:
    broker, storage = served
    small = {**BRANIN, "study": "branin-small", "trials": 2}
    hyperbus.submit(small, rabbitmq=broker, progress=False, timeout=120)
    with pytest.raises(hyperbus.StudyNotFoundError, match="it has: .*branin-small"):
        hyperbus.load("branin-typo", storage=str(storage))
    assert "branin-small" in hyperbus.study_names(str(storage))
    first = hyperbus.load("branin-small", storage=str(storage)).trials[0]
    assert first.datetime_complete is not None and first.datetime_complete <= datetime.now(timezone.utc)
