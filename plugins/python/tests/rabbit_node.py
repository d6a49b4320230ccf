"""Start and stop a private RabbitMQ node for tests, from Debian's rabbitmq-server.

Everything the node writes (mnesia, logs, the Erlang cookie) lives in one temporary directory; ports
are picked free, so several runs and other projects' nodes can share the machine. Usable from
pytest (``RabbitNode``) or by hand::

    /usr/bin/python3 plugins/python/tests/rabbit_node.py   # starts, prints the URL, stops on Enter
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

RABBITMQ_BIN = Path(os.environ.get("RABBITMQ_BIN", "/usr/lib/rabbitmq/bin"))
USER = "hyperbus"
PASSWORD = "s3cret-Pa55word"  # distinctive, so tests can grep logs for it
VHOST = "hyperbus-test"


class RabbitNodeError(RuntimeError):
    """The node could not be started."""


def _free_port(below: int = 55000) -> int:
    # rabbitmqctl uses dist port + 10000..10010, so keep the dist port low enough.
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port < below:
            return port
    raise RabbitNodeError("no free port below %d" % below)


class RabbitNode:
    """One isolated RabbitMQ node with a vhost and a non-guest user."""

    def __init__(self, start_timeout: float = 60.0) -> None:
        self.start_timeout = start_timeout
        self.base = Path(tempfile.mkdtemp(prefix="hb-rabbit-"))
        self.nodename = f"hb-pytest-{os.getpid()}@localhost"
        self.port = _free_port()
        self.dist_port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"amqp://{USER}:{PASSWORD}@127.0.0.1:{self.port}/{quote(VHOST, safe='')}"

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env_file = self.base / "rabbitmq-env.conf"
        plugins_file = self.base / "enabled_plugins"
        config_file = self.base / "rabbitmq.conf"
        if not env_file.exists():
            env_file.write_text("")
            plugins_file.write_text("[].\n")
            config_file.write_text(
                f"default_user = {USER}\n"
                f"default_pass = {PASSWORD}\n"
                f"default_vhost = {VHOST}\n"
                "listeners.tcp.1 = 127.0.0.1:%d\n"
                "log.console = false\n"
                "log.file.level = info\n" % self.port
            )
        env.update(
            HOME=str(self.base),
            RABBITMQ_CONF_ENV_FILE=str(env_file),
            RABBITMQ_NODENAME=self.nodename,
            RABBITMQ_NODE_IP_ADDRESS="127.0.0.1",
            RABBITMQ_NODE_PORT=str(self.port),
            RABBITMQ_DIST_PORT=str(self.dist_port),
            RABBITMQ_MNESIA_BASE=str(self.base / "mnesia"),
            RABBITMQ_LOG_BASE=str(self.base / "log"),
            RABBITMQ_ENABLED_PLUGINS_FILE=str(plugins_file),
            RABBITMQ_CONFIG_FILE=str(config_file),
        )
        return env

    def _ctl(self, *args: str, timeout: float = 90.0) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(RABBITMQ_BIN / "rabbitmqctl"), "-n", self.nodename, *args],
            env=self._env(), capture_output=True, text=True, timeout=timeout, check=False,
            stdin=subprocess.DEVNULL,
        )

    def start(self) -> "RabbitNode":
        server = RABBITMQ_BIN / "rabbitmq-server"
        if not server.exists():
            raise RabbitNodeError(
                f"{server} not found: these tests need a real RabbitMQ "
                "(apt-get install rabbitmq-server, or set RABBITMQ_BIN)")
        log = open(self.base / "server.out", "wb")  # noqa: SIM115 - lives as long as the node
        self.process = subprocess.Popen(
            [str(server)], env=self._env(), stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True)
        pid_file = self.base / "mnesia" / f"{self.nodename}.pid"
        waited = self._ctl("wait", "--timeout", str(int(self.start_timeout)), str(pid_file),
                           timeout=self.start_timeout + 30)
        if waited.returncode != 0 or not self._port_open():
            output = (self.base / "server.out").read_text(errors="replace")[-3000:]
            self.stop()
            raise RabbitNodeError(
                f"RabbitMQ node {self.nodename} did not start:\n{waited.stdout}{waited.stderr}\n{output}")
        return self

    def _port_open(self) -> bool:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return True
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self._ctl("shutdown", timeout=60)
                try:
                    self.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
            self.process = None
        shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self) -> "RabbitNode":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":
    with RabbitNode() as node:
        print(node.url, flush=True)
        input("RabbitMQ node running; press Enter to stop it. ")
