"""``hyperbus.submit``: send a study to a running HyperBus host over RabbitMQ and follow it to its end."""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Optional

import pika
from pika.exceptions import AMQPError, UnroutableError

from hyperbus_trainer.messages import encode, exchange_name, message_type_urn
from hyperbus_trainer.urls import mask_url

from .errors import HostUnavailableError, HyperBusError, SpecError
from .progress import StudyProgress
from .specs import SpecLike, read_spec

HOST_QUEUE = "hyperbus-host"
STUDY_EVENTS = ("StudySubmitted", "StudyRejected", "StudyProgressed", "StudyCompleted")


@dataclass(frozen=True)
class StudyResult:
    """How a submitted study ended, from the host's ``StudyCompleted`` (``outcome`` None without waiting)."""

    study_id: str
    name: str
    outcome: Optional[str] = None
    best_value: Optional[float] = None
    best_values: Optional[list[float]] = None
    best_params: dict[str, Any] = field(default_factory=dict)
    best_trial: Optional[int] = None
    completed: int = 0
    pruned: int = 0
    failed: int = 0
    duration_seconds: Optional[float] = None


def submit(spec: SpecLike, rabbitmq: Optional[str] = None, wait: bool = True, progress: bool = True,
           timeout: Optional[float] = None) -> StudyResult:
    """Queues a study on the host serving ``rabbitmq`` (default ``$HYPERBUS_RABBITMQ``).

    ``spec`` is a spec file path (YAML or JSON), a dict with the same fields, or YAML/JSON text. With
    ``wait`` (the default) it returns when the study ends, showing a progress bar (a widget in a notebook)
    unless ``progress=False``; ``timeout`` seconds bound the wait. Raises ``SpecError`` when the host
    rejects the spec and ``HostUnavailableError`` when no host serves the broker.
    """
    document = read_spec(spec)
    url = _broker_url(rabbitmq)
    study_id = str(uuid.uuid4())
    try:
        connection = pika.BlockingConnection(pika.URLParameters(url))
    except AMQPError as error:
        raise HostUnavailableError(f"cannot connect to {mask_url(url)}: {error!r}") from None
    try:
        channel = connection.channel()
        events = _follow(channel)
        channel.confirm_delivery()
        body = {"studyId": study_id, "spec": document, "submittedAt": datetime.now(timezone.utc).isoformat()}
        try:
            # Mandatory: with no host queue bound the broker returns the message instead of dropping it.
            channel.basic_publish(HOST_QUEUE, "", encode(body), pika.BasicProperties(
                content_type="application/json", delivery_mode=2, message_id=str(uuid.uuid4()),
                headers={"MT-MessageType": message_type_urn("SubmitStudy")}), mandatory=True)
        except UnroutableError:
            raise HostUnavailableError(
                f"no HyperBus host serves {mask_url(url)} (queue '{HOST_QUEUE}' does not exist);"
                " start one with: hyperbus host --transport rabbitmq --rabbitmq URL") from None
        if not wait:
            return StudyResult(study_id, document["study"])
        return _wait(channel, events, study_id, document["study"], progress, timeout)
    finally:
        if connection.is_open:
            connection.close()


def _broker_url(rabbitmq: Optional[str]) -> str:
    url = rabbitmq or os.environ.get("HYPERBUS_RABBITMQ")
    secret = os.environ.get("HYPERBUS_RABBITMQ_FILE")
    if not url and secret:
        try:
            with open(secret, encoding="utf-8") as handle:
                url = handle.read().strip()
        except OSError as error:
            raise HyperBusError(f"HYPERBUS_RABBITMQ_FILE: cannot read '{secret}': {error.strerror}") from None
    if not url:
        raise HyperBusError("rabbitmq: pass rabbitmq='amqp://user:password@host:5672/vhost'"
                            " or set HYPERBUS_RABBITMQ")
    if not url.startswith(("amqp://", "amqps://")):
        raise HyperBusError("rabbitmq: must be an amqp:// or amqps:// URL")
    return url


def _follow(channel: Any) -> str:
    """A private queue bound to the study events, declared before the submit so no event is missed."""
    queue = channel.queue_declare("", exclusive=True, auto_delete=True).method.queue
    channel.exchange_declare(HOST_QUEUE, exchange_type="fanout", durable=True, passive=False)
    for message_type in STUDY_EVENTS:
        channel.exchange_declare(exchange_name(message_type), exchange_type="fanout", durable=True)
        channel.queue_bind(queue, exchange_name(message_type))
    return queue


def _wait(channel: Any, queue: str, study_id: str, name: str, show: bool,
          timeout: Optional[float]) -> StudyResult:
    bar = StudyProgress(name, enabled=show)
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        for method, properties, body in channel.consume(queue, auto_ack=True, inactivity_timeout=0.5):
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"study {name} ({study_id}) did not end within {timeout} s;"
                                   " it goes on in the host")
            if method is None:
                continue
            message_type = str((properties.headers or {}).get("MT-MessageType", "")).rsplit(":", 1)[-1]
            try:
                event = json.loads(body)
            except ValueError:
                continue
            if not isinstance(event, dict) or str(event.get("studyId", "")).lower() != study_id:
                continue
            if message_type == "StudyProgressed":
                bar.update(event)
            elif message_type == "StudyRejected":
                raise SpecError([str(e) for e in event.get("errors") or ["rejected by the host"]])
            elif message_type == "StudyCompleted":
                finished = sum(int(event.get(key, 0)) for key in ("completed", "pruned", "failed"))
                bar.update({"target": finished, **event})
                return _result(event, study_id, name)
    finally:
        bar.close()
        channel.cancel()
    raise HyperBusError("the broker connection closed before the study ended")  # pragma: no cover


def _result(event: dict[str, Any], study_id: str, name: str) -> StudyResult:
    outcome = event.get("outcome")
    if isinstance(outcome, int):  # a host without the string enum converter
        outcome = ("Completed", "Cancelled", "Failed")[outcome] if 0 <= outcome < 3 else str(outcome)
    return StudyResult(
        study_id=study_id, name=event.get("name") or name, outcome=outcome,
        best_value=event.get("bestValue"), best_values=event.get("bestValues"),
        best_params=dict(event.get("bestParams") or {}), best_trial=event.get("bestTrialNumber"),
        completed=int(event.get("completed", 0)), pruned=int(event.get("pruned", 0)),
        failed=int(event.get("failed", 0)), duration_seconds=event.get("durationSeconds"))
