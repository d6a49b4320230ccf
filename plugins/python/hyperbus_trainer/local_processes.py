"""The local transport with trials in forked processes: one interpreter imports the trainers, N children train.

``hyperbus tune`` starts one ``python3 -m hyperbus_trainer --local --processes N`` per Python trainer kind
instead of N interpreters: the imports (about a second of CPU for scikit-learn) happen once, and each
child is a fork of an interpreter that has imported everything and trained nothing. Every child is a
:class:`LocalWorker` on a socket pair, so the trial path is the one the pipe and RabbitMQ workers run.
Because trials run in processes, a trainer past its deadline is killed (threads cannot be) and its
attempt failed, and the child is replaced.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import IO, Callable, Mapping, Optional

from . import events
from .errors import MalformedMessageError
from .identity import MAX_MESSAGE_BYTES, default_worker_id
from .local import LocalWorker, unwrap, wrap
from .messages import TrialRequest, parse_timestamp, parse_trial_requested
from .registry import TrainerFunction

log = logging.getLogger(__name__)
OUTCOMES = ("TrialCompleted", "TrialFailed")
# As on the RabbitMQ worker: a trainer past its deadline gets this long before it is stopped.
DEADLINE_GRACE_SECONDS = 2.0


@dataclass
class _Running:
    request: TrialRequest
    span: Optional[float]  # allowed silence in seconds; None: no deadline
    last_heard: float = field(default_factory=time.monotonic)


@dataclass
class _Child:
    pid: int
    channel: socket.socket
    writer: IO[bytes]
    running: dict[tuple[str, int], _Running] = field(default_factory=dict)
    killed_for: Optional[str] = None  # the trial whose deadline got the process killed


class ProcessPoolWorker:
    """Reads the pipe, hands each trial to the least busy child, relays what children send back."""

    def __init__(self, trainers: Mapping[str, TrainerFunction], incoming: IO[bytes], outgoing: IO[bytes],
                 processes: int, worker_id: Optional[str] = None, decision_timeout: float = 30.0,
                 checkpoint_root: Optional[str] = None, clock: Callable[[], float] = time.monotonic) -> None:
        if processes < 1:
            raise ValueError("--processes must be at least 1")
        self.trainers = dict(trainers)
        self.worker_id = worker_id or default_worker_id()
        self.decision_timeout = decision_timeout
        self.checkpoint_root = checkpoint_root
        self.processes = processes
        self._incoming = incoming
        self._outgoing = outgoing
        self._clock = clock
        self._lock = threading.Lock()  # children, their trials, and the outgoing stream
        self._children: list[_Child] = []
        self._readers: list[threading.Thread] = []
        self._done = threading.Event()

    def run(self) -> None:
        """Serves until the input ends, then lets the children finish their trials and exit."""
        with self._lock:
            for _ in range(self.processes):
                self._spawn()
        log.info("worker %s serving %s over the local pipe with %d processes", self.worker_id,
                 ", ".join(sorted(self.trainers)), self.processes)
        watchdog = threading.Thread(target=self._watch_deadlines, name="deadlines", daemon=True)
        watchdog.start()
        for line in self._incoming:
            if len(line) > MAX_MESSAGE_BYTES:
                log.error("line of %d bytes is over the %d-byte limit; ignored", len(line), MAX_MESSAGE_BYTES)
            elif line.strip():
                self._dispatch(line)
        with self._lock:
            children = list(self._children)
            self._children.clear()
        for child in children:
            child.channel.shutdown(socket.SHUT_WR)  # the child's input ends: it finishes and exits
        for reader in list(self._readers):
            reader.join()
        self._done.set()

    # -- the parent: routing ------------------------------------------------------------------------

    def _dispatch(self, line: bytes) -> None:
        if (unwrapped := unwrap(line)) is None:
            return
        message_type, body = unwrapped
        if message_type == "TrialRequested":
            try:
                request = parse_trial_requested(body)
            except MalformedMessageError as error:
                log.error("malformed TrialRequested ignored: %s", error)
                return
            self._start(request, line)
        elif message_type == "TrialDecision":
            key = _key(envelope["message"])
            with self._lock:
                child = next((c for c in self._children if key in c.running), None)
            if child is None:
                log.info("decision for trial %s came when it no longer runs here", key[0])
            else:
                self._write(child, line)
        else:
            log.error("message type %r is not one a worker consumes; ignored", message_type)

    def _start(self, request: TrialRequest, line: bytes) -> None:
        span = request.timeout_seconds or _seconds_until(request.deadline)
        with self._lock:
            child = min(self._children, key=lambda c: len(c.running))
            child.running[request.key] = _Running(request, span, self._clock())
        self._write(child, line)

    def _write(self, child: _Child, line: bytes) -> None:
        try:
            child.writer.write(line if line.endswith(b"\n") else line + b"\n")
            child.writer.flush()
        except OSError:
            pass  # the child died; its reader fails the trials it had

    # -- the parent: what children send back --------------------------------------------------------

    def _relay(self, child: _Child) -> None:
        with child.channel.makefile("rb") as lines:
            for line in lines:
                try:
                    envelope = json.loads(line)
                    message_type = envelope["messageType"]
                    key = _key(envelope["message"])
                except (ValueError, KeyError, TypeError) as error:
                    log.error("malformed line from trainer process %d ignored: %s", child.pid, error)
                    continue
                with self._lock:
                    running = child.running.get(key)
                    if running is None and message_type != "TrialStarted":
                        continue  # the attempt was already failed here (its deadline passed)
                    if running is not None:
                        running.last_heard = self._clock()  # a report restarts the deadline, as on the host
                    if message_type in OUTCOMES:
                        child.running.pop(key, None)
                    self._emit(line)
        _, status = os.waitpid(child.pid, 0)
        self._ended(child, status)

    def _ended(self, child: _Child, status: int) -> None:
        """Fails what a dead child had (retryable), and replaces it unless the worker is shutting down."""
        code = os.waitstatus_to_exitcode(status)
        reason = (f"the trainer process (pid {child.pid}) was killed: trial {child.killed_for} on it passed its deadline"
                  if child.killed_for else f"the trainer process (pid {child.pid}) exited with code {code}")
        with self._lock:
            for running in child.running.values():
                self._emit_event(events.trial_failed(running.request, self.worker_id, reason, True))
            child.running.clear()
            if child in self._children:
                self._children.remove(child)
                if not self._done.is_set():
                    self._spawn()

    def _watch_deadlines(self) -> None:
        while not self._done.wait(0.2):
            now = self._clock()
            with self._lock:
                for child in list(self._children):
                    late = [r for r in child.running.values()
                            if r.span is not None and now - r.last_heard > r.span + DEADLINE_GRACE_SECONDS]
                    if late:
                        self._kill(child, late[0])

    def _kill(self, child: _Child, late: _Running) -> None:
        """Fails the late attempt, kills its process and puts a fresh child in its place at once (lock held)."""
        request = late.request
        log.warning("trial %s attempt %d passed its deadline (%.0f s without an outcome or report); "
                    "its process %d is killed", request.trial_id, request.attempt, late.span, child.pid)
        child.killed_for = request.trial_id
        child.running.pop(request.key, None)
        error = (f"deadline passed: no outcome or report within {late.span:.0f} s on worker {self.worker_id}; "
                 "the trainer process was killed")
        self._emit_event(events.trial_failed(request, self.worker_id, error, True))
        self._children.remove(child)  # no new trial goes to it; its reader fails whatever else it had
        self._spawn()
        try:
            os.kill(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def _emit_event(self, event: events.Event) -> None:
        self._emit(wrap(event))

    def _emit(self, line: bytes) -> None:
        """Writes one line to the host (the caller holds the lock)."""
        self._outgoing.write(line)
        self._outgoing.flush()

    # -- children -----------------------------------------------------------------------------------

    def _spawn(self) -> None:
        """Forks a child (the caller holds the lock, so no other thread is mid-write while it forks)."""
        parent_end, child_end = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            parent_end.close()
            self._serve_child(child_end)
        child_end.close()
        child = _Child(pid, parent_end, parent_end.makefile("wb"))
        self._children.append(child)
        reader = threading.Thread(target=self._relay, args=(child,), name=f"relay-{pid}", daemon=True)
        self._readers = [r for r in self._readers if r.is_alive()] + [reader]
        reader.start()

    def _serve_child(self, channel: socket.socket) -> None:
        code = 0
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            for other in self._children:
                other.channel.close()  # another child's trials are not this one's business
            os.close(self._outgoing.fileno())  # only the parent writes to the host
            with channel.makefile("rb") as incoming, channel.makefile("wb") as outgoing:
                LocalWorker(self.trainers, incoming, outgoing, decision_timeout=self.decision_timeout,
                            checkpoint_root=self.checkpoint_root).run()
        except BaseException:  # noqa: BLE001 - a child must never return into the parent's code
            log.exception("trainer process %d failed", os.getpid())
            code = 1
        finally:
            os._exit(code)


def _seconds_until(deadline: Optional[str]) -> Optional[float]:
    """Seconds from now until an ISO 8601 deadline (checked when the request was parsed), or None."""
    if not deadline:
        return None
    return max(1.0, (parse_timestamp(deadline) - datetime.now(timezone.utc)).total_seconds())


def _key(message: Mapping[str, object]) -> tuple[str, int]:
    return (str(uuid.UUID(str(message["trialId"]))), int(message["attempt"]))  # type: ignore[call-overload]
