"""The local transport: the same messages as over RabbitMQ, one JSON line each on a pipe.

``hyperbus tune`` starts ``python3 -m hyperbus_trainer --local`` for Python trainer kinds when no
broker is configured. Each line is ``{"messageType": "TrialRequested", "message": {...}}`` where
``message`` is exactly the JSON body the broker would carry (contracts/schema). Requests and
decisions come in on stdin; TrialStarted / TrialReported / TrialCompleted / TrialFailed go out on
the protocol stream. Everything above the transport (TrialContext, ``execute``, the events, the
decision matching) is the code the RabbitMQ worker runs.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from typing import IO, Mapping, Optional

from . import checkpoints, events
from .context import TrialContext
from .decisions import PendingDecisions
from .errors import MalformedMessageError
from .events import Event
from .messages import Decision, TrialRequest, encode, parse_trial_decision, parse_trial_requested
from .registry import TrainerFunction
from .trial import execute
from .identity import MAX_MESSAGE_BYTES, default_worker_id

log = logging.getLogger(__name__)


class LocalWorker:
    """Serves trainers over a pair of streams until the input ends (the host closed it)."""

    def __init__(self, trainers: Mapping[str, TrainerFunction], incoming: IO[bytes], outgoing: IO[bytes],
                 worker_id: Optional[str] = None, decision_timeout: float = 30.0,
                 checkpoint_root: Optional[str] = None) -> None:
        if not trainers:
            raise ValueError("no trainers to serve")
        self.trainers = dict(trainers)
        self.worker_id = worker_id or default_worker_id()
        self.decision_timeout = decision_timeout
        self.checkpoint_root = checkpoint_root
        self._incoming = incoming
        self._outgoing = outgoing
        self._write_lock = threading.Lock()
        self._pending = PendingDecisions()
        self._threads: list[threading.Thread] = []

    def run(self) -> None:
        """Reads lines until end of input, then waits for the trials still training."""
        log.info("worker %s serving %s over the local pipe", self.worker_id, ", ".join(sorted(self.trainers)))
        for line in self._incoming:
            if len(line) > MAX_MESSAGE_BYTES:
                log.error("line of %d bytes is over the %d-byte limit; ignored", len(line), MAX_MESSAGE_BYTES)
                continue
            if line.strip():
                self._dispatch(line)
        for thread in self._threads:
            thread.join()

    def _dispatch(self, line: bytes) -> None:
        if (unwrapped := unwrap(line)) is None:
            return
        message_type, body = unwrapped
        try:
            if message_type == "TrialRequested":
                self._start(parse_trial_requested(body))
            elif message_type == "TrialDecision":
                self._decided(parse_trial_decision(body))
            else:
                log.error("message type %r is not one a worker consumes; ignored", message_type)
        except MalformedMessageError as error:
            log.error("malformed %s ignored: %s", message_type, error)

    def _start(self, request: TrialRequest) -> None:
        function = self.trainers.get(request.trainer)
        if function is not None:
            self._send(events.trial_started(request, self.worker_id))
        thread = threading.Thread(target=self._train, args=(request, function),
                                  name=f"trial-{request.number}-{request.attempt}", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _train(self, request: TrialRequest, function: Optional[TrainerFunction]) -> None:
        context = TrialContext(request, lambda step, value, checkpoint: self._report(request, step, value, checkpoint),
                               self.checkpoint_root)
        refused = checkpoints.refuse(context.checkpoint_root, request.checkpoint) if request.checkpoint else None
        if refused is not None:
            self._send(events.trial_failed(request, self.worker_id, refused, False))
        else:
            self._send(execute(function, context, self.worker_id))

    def _report(self, request: TrialRequest, step: int, value: float, checkpoint: Optional[str]) -> Optional[Decision]:
        key = (request.trial_id, request.attempt, step)
        waiter = self._pending.register(key)
        self._send(events.trial_reported(request, self.worker_id, step, value, checkpoint))
        return self._pending.wait(key, waiter, self.decision_timeout)

    def _decided(self, decision: Decision) -> None:
        if not self._pending.complete(decision):
            log.info("decision for trial %s step %d came after its report timed out", decision.trial_id, decision.step)

    def _send(self, event: Event) -> None:
        line = wrap(event)
        with self._write_lock:
            self._outgoing.write(line)
            self._outgoing.flush()


def wrap(event: Event) -> bytes:
    """An event as one protocol line: its message type and body, the JSON a broker would carry."""
    return b'{"messageType":' + json.dumps(event.message_type).encode("utf-8") + b',"message":' + encode(event.body) + b"}\n"


def unwrap(line: bytes) -> Optional[tuple[str, bytes]]:
    """A protocol line's message type and message body (JSON, as a broker would carry it); None, logged, when malformed."""
    try:
        envelope = json.loads(line)
        return envelope["messageType"], json.dumps(envelope["message"]).encode("utf-8")
    except (ValueError, KeyError, TypeError) as error:
        log.error("malformed line ignored: %s", error)
        return None


def protocol_streams() -> tuple[IO[bytes], IO[bytes]]:
    """stdin, and a private copy of stdout; stdout itself then goes to stderr.

    A trainer that prints (or a library that does) must not corrupt the protocol, so fd 1 is
    pointed at stderr and only this worker writes to the original stdout.
    """
    sys.stdout.flush()
    protocol = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    return sys.stdin.buffer, protocol
