"""Queue and exchange names and their declarations, as the .NET side declares them."""

from __future__ import annotations

import logging
import uuid
from typing import Any, Iterable, Optional

import pika
from pika.adapters.blocking_connection import BlockingChannel, BlockingConnection
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


def _declare_queue(connection: BlockingConnection, channel: BlockingChannel, name: str,
                   arguments: Optional[dict[str, Any]]) -> BlockingChannel:
    """Declares a durable queue; if it exists with other arguments, uses it as it is."""
    try:
        channel.queue_declare(name, durable=True, arguments=arguments)
        return channel
    except ChannelClosedByBroker as error:
        if error.reply_code != PRECONDITION_FAILED:
            raise
        log.warning("queue %s exists with other arguments than %s; using it as declared (%s)",
                    name, arguments, error.reply_text)
    channel = connection.channel()
    channel.queue_declare(name, passive=True)
    return channel


def declare(connection: BlockingConnection, kinds: Iterable[str], worker_id: str) -> None:
    """Declares everything this worker consumes from or publishes to."""
    channel = connection.channel()
    for message_type in EVENT_TYPES:
        channel.exchange_declare(exchange_name(message_type), exchange_type="fanout", durable=True)
    channel.exchange_declare(DECISIONS_EXCHANGE, exchange_type="direct", durable=True)
    for kind in kinds:
        channel = _declare_queue(connection, channel, trainer_queue(kind), TRAINER_QUEUE_ARGUMENTS)
        channel.exchange_declare(error_queue(kind), exchange_type="fanout", durable=True)
        channel = _declare_queue(connection, channel, error_queue(kind), None)
        channel.queue_bind(error_queue(kind), error_queue(kind))
    channel.queue_declare(worker_queue(worker_id), exclusive=True, auto_delete=True)
    channel.queue_bind(worker_queue(worker_id), DECISIONS_EXCHANGE, routing_key=worker_id)
    channel.close()


def publish_properties(message_type_urn: str,
                       headers: Optional[dict[str, Any]] = None) -> pika.BasicProperties:
    """Properties of every event: JSON, persistent, a fresh message id, the MassTransit type header."""
    return pika.BasicProperties(
        content_type="application/json", delivery_mode=2, message_id=str(uuid.uuid4()),
        headers={**(headers or {}), "MT-MessageType": message_type_urn})
