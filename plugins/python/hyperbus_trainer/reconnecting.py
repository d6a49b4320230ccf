"""One pika I/O loop and a connection on it that is opened again, with back-off, whenever it is lost.

The loop outlives connections, so work handed to it from other threads (``call_soon``) and timers
survive a reconnect. Each new connection is set up by the owner's steps (see ``StepRunner``); a
refusal (wrong credentials, unknown vhost) ends ``run`` with ``BrokerRefusedError``, since it is
true on every retry.
"""

from __future__ import annotations

import collections
import logging
import threading
from typing import Any, Callable, Deque, Generator, Optional

import pika
from pika.adapters.select_connection import IOLoop
from pika.exceptions import ChannelClosedByClient

from .connecting import is_refusal, last_attempt_error, refusal
from .errors import BrokerRefusedError
from .steps import StepRunner
from .topology import Step
from .urls import mask_url

log = logging.getLogger("hyperbus_trainer.worker")  # the worker's lines, as they were logged before the split

Setup = Callable[[Step], Generator[Step, Any, Any]]


class ReconnectingConnection:
    """Connects, runs ``setup`` on each new connection, calls ``on_lost`` when one ends; ``run`` returns after ``shut``."""

    def __init__(self, url: str, connection_name: str, max_reconnect_delay: float, setup: Setup,
                 on_serving: Callable[[], None], on_lost: Callable[[], None]) -> None:
        self.url = url
        self.max_reconnect_delay = max_reconnect_delay
        self.parameters = pika.URLParameters(url)
        self.parameters.client_properties = {"connection_name": connection_name}
        self.generation = 0  # counts opened connections: a delivery tag is only valid on its own
        self.channel: Any = None  # the serving channel: the owner's setup sets it
        self.ioloop: Optional[IOLoop] = None
        self.loop_thread: Optional[int] = None
        self._setup_steps = setup
        self._on_serving = on_serving
        self._on_lost = on_lost
        self._inbox: Deque[Callable[[], None]] = collections.deque()
        self._connection: Any = None
        self._setup: Optional[StepRunner] = None
        self._failure: Optional[BaseException] = None  # why we closed the connection ourselves
        self._refused: Optional[BrokerRefusedError] = None
        self._reconnect: Any = None
        self._delay = 1.0
        self._served = False
        self._shut = False

    @property
    def connected(self) -> bool:
        return self._connection is not None

    def run(self, on_start: Callable[[], None]) -> None:
        ioloop = IOLoop()
        self.ioloop, self.loop_thread = ioloop, threading.get_ident()
        ioloop.add_callback_threadsafe(self._connect)
        on_start()
        try:
            ioloop.start()
        finally:
            self.ioloop = None
            ioloop.close()
        if self._refused is not None:
            raise self._refused

    def call_soon(self, callback: Callable[[], None]) -> None:
        """Runs ``callback`` on the loop; safe from any thread."""
        self._inbox.append(callback)
        ioloop = self.ioloop
        if ioloop is not None:
            try:
                ioloop.add_callback_threadsafe(self.drain)
            except (AttributeError, OSError):
                pass  # the loop just ended: nothing runs the inbox any more

    def drain(self) -> None:
        while self._inbox:
            self._inbox.popleft()()

    def shut(self) -> None:
        """On the loop: closes the connection for good (or cancels the reconnect); ``run`` then returns."""
        self._shut = True
        if self._reconnect is not None:
            self.ioloop.remove_timeout(self._reconnect)
            self._reconnect = None
        if self._connection is None:
            self.ioloop.stop()
        else:
            self._close()

    def _connect(self) -> None:
        self._reconnect = None
        if self._shut:
            self.ioloop.stop()
            return
        self._served = False
        self._connection = pika.SelectConnection(
            self.parameters, on_open_callback=self._on_open, on_open_error_callback=self._on_open_error,
            on_close_callback=self._on_closed, custom_ioloop=self.ioloop)

    def _on_open(self, connection: Any) -> None:
        self.generation += 1

        def open_channel(resume: Callable[[Any], None]) -> None:
            def opened(channel: Any) -> None:
                channel.add_on_close_callback(self._on_channel_closed)
                resume(channel)
            connection.channel(on_open_callback=opened)

        self._setup = StepRunner(self._setup_steps(open_channel), self._on_setup_done, self._on_setup_failed)
        self._setup.start()

    def _on_setup_done(self, _: Any) -> None:
        self._served = True
        self._on_serving()

    def _on_setup_failed(self, error: BaseException) -> None:
        self._failure = error
        self._close()

    def _on_channel_closed(self, channel: Any, reason: BaseException) -> None:
        if self._setup is not None and not self._setup.finished:
            self._setup.fail(reason)  # a declaration the broker refused: the setup decides
        elif channel is self.channel and not isinstance(reason, ChannelClosedByClient):
            self._failure = reason
            self._close()

    def _close(self) -> None:
        connection = self._connection
        if connection is not None and not (connection.is_closing or connection.is_closed):
            connection.close()

    def _on_open_error(self, connection: Any, error: BaseException) -> None:
        self._lost(connection, last_attempt_error(error))

    def _on_closed(self, connection: Any, reason: BaseException) -> None:
        error, self._failure = self._failure or reason, None
        self._lost(connection, error)

    def _lost(self, connection: Any, error: BaseException) -> None:
        if connection is not self._connection:
            return
        self._connection = self.channel = self._setup = None
        self._on_lost()
        if is_refusal(error):
            self._refused = BrokerRefusedError(refusal(self.url, error))
            self._shut = True
        if self._shut:
            self.ioloop.stop()
            return
        if self._served:
            self._delay = 1.0
        log.warning("connection to %s lost or refused (%s: %s); reconnecting in %.0f s",
                    mask_url(self.url), type(error).__name__, error, self._delay)
        self._reconnect = self.ioloop.call_later(self._delay, self._connect)
        self._delay = min(self._delay * 2, self.max_reconnect_delay)
