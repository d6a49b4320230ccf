"""A worker the broker refuses (wrong password, unknown vhost) says so once and exits; no endless retries."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from conftest import PACKAGE_ROOT, TESTS
from rabbit_node import PASSWORD, RabbitNode


def run_worker(url: str, timeout: float = 30) -> tuple[int, str, float]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(PACKAGE_ROOT), str(TESTS)]))
    env.pop("HYPERBUS_RABBITMQ", None)
    started = time.monotonic()
    command = [sys.executable, "-m", "hyperbus_trainer", "--rabbitmq", url, "--trainer", "sklearn-svc"]
    done = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    return done.returncode, (done.stdout + done.stderr).decode(errors="replace"), time.monotonic() - started


@pytest.mark.parametrize("case", ["wrong password", "unknown vhost"])
def test_a_refused_connection_ends_the_worker_with_one_clear_error(rabbit: RabbitNode, case: str) -> None:
    if case == "wrong password":
        url = rabbit.url.replace(f":{PASSWORD}@", ":not-the-password@")
        secret = "not-the-password"
    else:
        url = rabbit.url.rsplit("/", 1)[0] + "/no-such-vhost"
        secret = PASSWORD
    assert url != rabbit.url

    code, output, seconds = run_worker(url)

    assert code == 2, output
    assert seconds < 20, f"took {seconds:.1f} s"
    assert "refused the connection" in output and "127.0.0.1" in output, output
    assert secret not in output, output
    assert "Traceback" not in output, output
    assert "reconnecting" not in output, output
