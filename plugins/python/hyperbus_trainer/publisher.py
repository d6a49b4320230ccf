"""Publishes with publisher confirms without waiting for them: each confirm runs its message's follow-up.

The broker numbers a confirm-mode channel's publishes 1, 2, 3, ... and acknowledges them (one by one
or "all up to n") once it has taken responsibility for them; a persistent message to a durable queue
is confirmed after it is written. Publishing does not wait for that, so the connection thread keeps
delivering requests and decisions, and many outcomes share one broker round trip. What must happen
only after a confirm (acknowledging the request an outcome answers) is the message's ``confirmed``.
Used from the connection's I/O loop thread only.
"""

from __future__ import annotations

import collections
import logging
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Deque, List, Optional

import pika
from pika.exceptions import AMQPError
from pika.spec import Basic

from . import topology, tracecontext
from .events import Event
from .messages import encode, exchange_name, message_type_urn

log = logging.getLogger(__name__)

# A nack means the broker could not take the message (a queue at its length limit that rejects, an
# internal error): publish it again after this long rather than in a tight loop.
NACK_RETRY_SECONDS = 1.0

CallLater = Callable[[float, Callable[[], None]], Any]


@dataclass
class Outgoing:
    """A message to publish, encoded once (a resend keeps its message id)."""

    exchange: str
    body: bytes
    properties: pika.BasicProperties
    what: str  # for the log: "TrialCompleted of trial ..."
    confirmed: Optional[Callable[[], None]] = None  # runs once the broker has confirmed it
    resend: bool = True  # publish again on the next connection when this one ended before the confirm


def event_message(event: Event, confirmed: Optional[Callable[[], None]] = None) -> Outgoing:
    """The message for a worker event (encoded here, on the training thread that made it)."""
    properties = topology.publish_properties(message_type_urn(event.message_type),
                                             tracecontext.headers_for(event.traceparent))
    trial = f"{event.message_type} of trial {event.body.get('trialId')} attempt {event.body.get('attempt')}"
    return Outgoing(exchange_name(event.message_type), encode(event.body), properties, trial, confirmed)


class ConfirmedPublisher:
    """An outbox that outlives connections, and the messages the current channel has not confirmed yet."""

    def __init__(self, call_later: CallLater) -> None:
        self._call_later = call_later
        self._outbox: Deque[Outgoing] = collections.deque()
        self._unconfirmed: "collections.OrderedDict[int, Outgoing]" = collections.OrderedDict()
        self._channel: Any = None
        self._sequence = 0

    @property
    def unconfirmed(self) -> int:
        return len(self._unconfirmed)

    def attach(self, channel: Any) -> None:
        """A channel in confirm mode, just opened: what waits in the outbox goes out on it."""
        self._channel = channel
        self._sequence = 0
        self.flush()

    def detach(self) -> None:
        """The channel is gone: what it did not confirm goes first in line for the next one, in order."""
        self._channel = None
        resent = [outgoing for outgoing in self._unconfirmed.values() if outgoing.resend]
        self._unconfirmed.clear()
        self._outbox.extendleft(reversed(resent))

    def publish(self, outgoing: Outgoing) -> None:
        self._outbox.append(outgoing)
        self.flush()

    def flush(self) -> None:
        while self._outbox and self._channel is not None:
            outgoing = self._outbox.popleft()
            try:
                self._channel.basic_publish(outgoing.exchange, "", outgoing.body, outgoing.properties)
            except AMQPError:
                # The channel or connection is closing; its close callback detaches it.
                self._outbox.appendleft(outgoing)
                return
            self._sequence += 1
            self._unconfirmed[self._sequence] = outgoing

    def on_confirm(self, frame: Any) -> None:
        """pika's ack/nack callback for the channel."""
        method = frame.method
        done = self._take(method.delivery_tag, method.multiple)
        if isinstance(method, Basic.Nack):
            log.warning("the broker refused %s%s; publishing again in %.0f s", done[0].what if done else "a message",
                        f" and {len(done) - 1} more" if len(done) > 1 else "", NACK_RETRY_SECONDS)
            self._call_later(NACK_RETRY_SECONDS, partial(self._retry, done))
            return
        for outgoing in done:
            if outgoing.confirmed is not None:
                outgoing.confirmed()

    def _take(self, tag: int, multiple: bool) -> List[Outgoing]:
        if not multiple:
            outgoing = self._unconfirmed.pop(tag, None)
            return [] if outgoing is None else [outgoing]
        done = []
        while self._unconfirmed:
            first = next(iter(self._unconfirmed))
            if first > tag:
                break
            done.append(self._unconfirmed.pop(first))
        return done

    def _retry(self, refused: List[Outgoing]) -> None:
        self._outbox.extendleft(reversed(refused))
        self.flush()
