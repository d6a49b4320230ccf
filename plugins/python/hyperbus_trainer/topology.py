"""Queue and exchange names and their declarations, as the .NET side declares them."""

from __future__ import annotations

import logging
import socket
import uuid
from datetime import datetime, timezone
from typing import Any, Callable, Generator, Iterable, Optional

import pika
from pika.exceptions import ChannelClosedByBroker

from .messages import EVENT_TYPES, exchange_name

log = logging.getLogger(__name__)

DECISIONS_EXCHANGE = "hyperbus-decisions"
# Classic durable: the host declares the same queue when it first sends to it, with no arguments.
TRAINER_QUEUE_ARGUMENTS: Optional[dict[str, Any]] = None
PRECONDITION_FAILED = 406


def trainer_queue(kind: str) -> str:
    return f"hyperbus-trainer-{kind}"


def error_queue(kind: str) -> str:
    """MassTransit's convention: ``<queue>_error``, a fanout exchange and a queue of that name."""
    return f"{trainer_queue(kind)}_error"


def worker_queue(worker_id: str) -> str:
    return f"hyperbus-worker-{worker_id}"


# One asynchronous AMQP call: started with the function its completion callback must call.
Step = Callable[[Callable[..., None]], None]


def call(method: Callable[..., Any], *args: Any, **kwargs: Any) -> Step:
    """A step that runs ``method(*args, callback=<resume>, **kwargs)``."""
    return lambda resume: method(*args, callback=resume, **kwargs)


def _declare_queue(open_channel: Step, channel: Any, name: str,
                   arguments: Optional[dict[str, Any]]) -> Generator[Step, Any, Any]:
    """Declares a durable queue; if it exists with other arguments, uses it as it is. Yields the channel to go on with."""
    try:
        yield call(channel.queue_declare, name, durable=True, arguments=arguments)
        return channel
    except ChannelClosedByBroker as error:
        if error.reply_code != PRECONDITION_FAILED:
            raise
        log.warning("queue %s exists with other arguments than %s; using it as declared (%s)",
                    name, arguments, error.reply_text)
    channel = yield open_channel
    yield call(channel.queue_declare, name, passive=True)
    return channel


def declare(open_channel: Step, kinds: Iterable[str], worker_id: str) -> Generator[Step, Any, Any]:
    """Declares everything this worker consumes from or publishes to; returns the channel it ends on.

    A generator of steps (see ``StepRunner``): the broker closes a channel that declares a queue
    against its existing arguments, and the runner throws that close into the generator.
    """
    channel = yield open_channel
    for message_type in EVENT_TYPES:
        yield call(channel.exchange_declare, exchange_name(message_type), exchange_type="fanout", durable=True)
    yield call(channel.exchange_declare, DECISIONS_EXCHANGE, exchange_type="direct", durable=True)
    for kind in kinds:
        channel = yield from _declare_queue(open_channel, channel, trainer_queue(kind), TRAINER_QUEUE_ARGUMENTS)
        yield call(channel.exchange_declare, error_queue(kind), exchange_type="fanout", durable=True)
        channel = yield from _declare_queue(open_channel, channel, error_queue(kind), None)
        yield call(channel.queue_bind, error_queue(kind), error_queue(kind))
    yield call(channel.queue_declare, worker_queue(worker_id), exclusive=True, auto_delete=True)
    yield call(channel.queue_bind, worker_queue(worker_id), DECISIONS_EXCHANGE, routing_key=worker_id)
    return channel


def publish_properties(message_type_urn: str,
                       headers: Optional[dict[str, Any]] = None) -> pika.BasicProperties:
    """Properties of every event: JSON, persistent, a fresh message id, the MassTransit type header."""
    return pika.BasicProperties(
        content_type="application/json", delivery_mode=2, message_id=str(uuid.uuid4()),
        headers={**(headers or {}), "MT-MessageType": message_type_urn})


def fault_properties(properties: Any, reason: str) -> pika.BasicProperties:
    """A malformed message's properties for its error queue, with MassTransit's fault headers."""
    headers = dict(properties.headers or {})
    headers.update({
        "MT-Reason": "fault",
        "MT-Fault-Message": reason,
        "MT-Fault-ExceptionType": "HyperBus.MalformedMessage",
        "MT-Fault-Timestamp": datetime.now(timezone.utc).isoformat(),
        "MT-Host-MachineName": socket.gethostname(),
    })
    return pika.BasicProperties(content_type=properties.content_type, delivery_mode=2,
                                message_id=properties.message_id or str(uuid.uuid4()), headers=headers)
