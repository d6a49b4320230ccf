"""The worker: consumes TrialRequested, trains in threads, publishes events, acks after the outcome.

All AMQP work happens on the thread that calls ``run`` (pika is not thread-safe); training threads
hand events to it through an outbox and wake it with ``add_callback_threadsafe``. Heartbeats keep
flowing while a trial trains, however long it takes.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from typing import Any, Deque, Dict, Mapping, Optional, Tuple

import pika
from pika.exceptions import (AMQPError, AuthenticationError, ConnectionClosedByBroker,
                              ProbableAccessDeniedError, ProbableAuthenticationError)

from . import checkpoints, events, topology, tracecontext
from .context import TrialContext
from .decisions import PendingDecisions
from .errors import BrokerRefusedError, MalformedMessageError
from .events import Event
from .identity import MAX_MESSAGE_BYTES, default_worker_id
from .messages import (Decision, TrialRequest, encode, exchange_name, message_type_urn, utc_now_iso,
                       parse_timestamp, parse_trial_decision, parse_trial_requested)
from .registry import TrainerFunction
from .trial import execute
from .urls import mask_url

log = logging.getLogger(__name__)

Delivery = Tuple[int, int]  # (connection generation, delivery tag)


# A trainer past its deadline gets this long to return before the worker gives up on it.
DEADLINE_GRACE_SECONDS = 2.0


@dataclass
class _RunningTrial:
    request: TrialRequest
    delivery: Delivery
    span: Optional[float] = None  # seconds the host allows without an outcome or a report
    started_at: str = ""  # when training began, for a TrialStarted sent later
    expires: Optional[float] = None  # time.monotonic() when that runs out
    abandoned: bool = False

    def extend(self) -> None:
        if self.span is not None:
            self.expires = time.monotonic() + self.span


@dataclass
class _Outgoing:
    event: Event
    finished: Optional[_RunningTrial] = None  # set for an outcome: ack its delivery once confirmed


class Worker:
    """Serves the given trainer kinds from RabbitMQ until ``stop`` is called."""

    def __init__(self, url: str, trainers: Mapping[str, TrainerFunction], concurrency: int = 1,
                 worker_id: Optional[str] = None, decision_timeout: float = 30.0,
                 max_reconnect_delay: float = 30.0, checkpoint_root: Optional[str] = None,
                 announce_after: float = 1.0) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        if not trainers:
            raise ValueError("no trainers to serve")
        self.url = url
        self.trainers = dict(trainers)
        self.concurrency = concurrency
        self.worker_id = worker_id or default_worker_id()
        self.decision_timeout = decision_timeout
        self.max_reconnect_delay = max_reconnect_delay
        self.checkpoint_root = checkpoint_root  # None: $HYPERBUS_CHECKPOINTS or the temp directory
        # TrialStarted goes out once a trial has run this long (0: at once). A quicker trial is named by its
        # outcome alone, as the C# SDK does: on short trials that saves a confirmed publish in every three.
        self.announce_after = announce_after
        self._stopping = threading.Event()
        self._pending = PendingDecisions()
        self._outbox: Deque[_Outgoing] = collections.deque()
        self._running: Dict[Tuple[str, int], _RunningTrial] = {}
        self._connection: Optional[pika.BlockingConnection] = None
        self._channel: Any = None
        self._generation = 0
        self._draining = False
        self._generation_served = False

    # -- lifecycle ---------------------------------------------------------------------------

    def run(self) -> None:
        """Connects, serves, reconnects with back-off when the connection is lost; returns after stop."""
        delay = 1.0
        while not self._stopping.is_set():
            try:
                self._serve()
            except (AMQPError, OSError) as error:
                if _is_refusal(error):
                    raise BrokerRefusedError(_refusal(self.url, error)) from None
                if self._stopping.is_set():
                    break
                if self._generation_served:
                    delay = 1.0
                log.warning("connection to %s lost or refused (%s: %s); reconnecting in %.0f s",
                            mask_url(self.url), type(error).__name__, error, delay)
                self._stopping.wait(delay)
                delay = min(delay * 2, self.max_reconnect_delay)
        if self._running:
            log.info("stopped with %d trial(s) in flight; the broker redelivers them", len(self._running))

    def stop(self) -> None:
        """Thread- and signal-safe: ends ``run`` soon; unacknowledged trials go back to the queue."""
        self._stopping.set()
        self._wake()

    def _serve(self) -> None:
        self._generation_served = False
        parameters = pika.URLParameters(self.url)
        parameters.client_properties = {"connection_name": f"hyperbus-trainer {self.worker_id}"}
        connection = pika.BlockingConnection(parameters)
        self._generation += 1
        self._connection = connection
        try:
            topology.declare(connection, self.trainers, self.worker_id)
            channel = connection.channel()
            channel.confirm_delivery()
            channel.basic_qos(prefetch_count=self.concurrency)
            channel.basic_consume(topology.worker_queue(self.worker_id), self._on_decision,
                                  auto_ack=True, exclusive=True)
            for kind in self.trainers:
                channel.basic_consume(topology.trainer_queue(kind), partial(self._on_request, kind))
            self._channel = channel
            self._generation_served = True
            log.info("worker %s serving %s from %s (concurrency %d)", self.worker_id,
                     ", ".join(sorted(self.trainers)), mask_url(self.url), self.concurrency)
            while not self._stopping.is_set():
                self._expire()
                self._drain()
                connection.process_data_events(time_limit=1)
        finally:
            self._connection = None
            self._channel = None
            if connection.is_open:
                try:
                    connection.close()
                except (AMQPError, OSError):
                    pass

    def _wake(self) -> None:
        connection = self._connection
        if connection is not None:
            try:
                connection.add_callback_threadsafe(self._drain)
            except (AMQPError, OSError):
                pass  # reconnecting: the loop drains the outbox when it is back

    # -- consuming ---------------------------------------------------------------------------

    def _on_request(self, kind: str, channel: Any, method: Any, properties: Any, body: bytes) -> None:
        delivery = (self._generation, method.delivery_tag)
        if len(body) > MAX_MESSAGE_BYTES:
            # Parked whole: whoever inspects the error queue must see exactly what was sent.
            self._reject(kind, properties, body,
                         f"message of {len(body)} bytes is over the {MAX_MESSAGE_BYTES}-byte limit")
            channel.basic_ack(method.delivery_tag)
            return
        try:
            request = parse_trial_requested(body)
        except MalformedMessageError as error:
            self._reject(kind, properties, body, str(error))
            channel.basic_ack(method.delivery_tag)
            return
        parent = tracecontext.incoming(properties.headers)
        if parent is not None:
            request = dataclasses.replace(request, traceparent=tracecontext.child(parent))
        running = self._running.get(request.key)
        if running is not None:
            self._redelivered(running, delivery, channel)
            return
        function = self.trainers.get(request.trainer)
        if function is None:
            log.error("trial %s asks for trainer '%s', which this worker does not have",
                      request.trial_id, request.trainer)
        running = _RunningTrial(request, delivery, span=request.timeout_seconds or _seconds_until(request.deadline),
                                started_at=utc_now_iso())
        running.extend()
        self._running[request.key] = running
        if function is not None:
            log.info("trial %s #%d attempt %d (%s) started", request.trial_id, request.number,
                     request.attempt, request.trainer)
            if self.announce_after > 0 and self._connection is not None:
                self._connection.call_later(self.announce_after, partial(self._announce, running))
            else:
                self._announce(running)
        context = TrialContext(request, partial(self._report, request), self.checkpoint_root)
        thread = threading.Thread(target=self._train, args=(running, function, context),
                                  name=f"trial-{request.number}-{request.attempt}", daemon=True)
        thread.start()

    def _redelivered(self, running: _RunningTrial, delivery: Delivery, channel: Any) -> None:
        if running.delivery[0] == delivery[0]:
            # A duplicate of a request this channel still holds: the running copy answers for both.
            log.info("duplicate request for trial %s attempt %d ignored", *running.request.key)
            channel.basic_ack(delivery[1])
            return
        # The connection was lost (or the broker's consumer_timeout fired) while it trained here:
        # keep training and acknowledge the new delivery when done.
        log.info("trial %s attempt %d redelivered while still training; adopting the delivery",
                 *running.request.key)
        running.delivery = delivery

    def _on_decision(self, channel: Any, method: Any, properties: Any, body: bytes) -> None:
        try:
            decision = parse_trial_decision(body)
        except MalformedMessageError as error:
            log.warning("ignoring malformed TrialDecision: %s", error)
            return
        if not self._pending.complete(decision):
            log.info("decision for trial %s step %d came after its report timed out",
                     decision.trial_id, decision.step)

    def _reject(self, kind: str, properties: Any, body: bytes, reason: str) -> None:
        log.error("malformed message %s on %s moved to %s: %s", properties.message_id,
                  topology.trainer_queue(kind), topology.error_queue(kind), reason)
        headers = dict(properties.headers or {})
        headers.update({
            "MT-Reason": "fault",
            "MT-Fault-Message": reason,
            "MT-Fault-ExceptionType": "HyperBus.MalformedMessage",
            "MT-Fault-Timestamp": datetime.now(timezone.utc).isoformat(),
            "MT-Host-MachineName": socket.gethostname(),
        })
        self._channel.basic_publish(topology.error_queue(kind), "", body, pika.BasicProperties(
            content_type=properties.content_type, delivery_mode=2,
            message_id=properties.message_id or str(uuid.uuid4()), headers=headers))

    # -- training threads ----------------------------------------------------------------------

    def _train(self, running: _RunningTrial, function: Optional[TrainerFunction],
               context: TrialContext) -> None:
        request = running.request
        refused = checkpoints.refuse(context.checkpoint_root, request.checkpoint) if request.checkpoint else None
        if refused is not None:
            outcome = events.trial_failed(request, self.worker_id, refused, False)
        else:
            outcome = execute(function, context, self.worker_id)
        if running.abandoned:
            log.info("trial %s attempt %d returned after it was abandoned; outcome dropped", *running.request.key)
            return
        self._post(_Outgoing(outcome, finished=running))

    def _expire(self) -> None:
        """Gives up on trials past their deadline, so a hung trainer cannot wedge the worker.

        Python cannot kill the training thread; it is left to finish or hang on its own while the
        slot, and the request's delivery, are freed. The host retries the attempt per its policy.
        """
        now = time.monotonic()
        for running in list(self._running.values()):
            if running.abandoned or running.expires is None or now < running.expires + DEADLINE_GRACE_SECONDS:
                continue
            running.abandoned = True
            request = running.request
            log.warning("trial %s attempt %d passed its deadline (%.0f s without an outcome or report); abandoned",
                        request.trial_id, request.attempt, running.span)
            error = f"deadline passed: no outcome or report within {running.span:.0f} s on worker {self.worker_id}"
            self._outbox.append(_Outgoing(events.trial_failed(request, self.worker_id, error, True), finished=running))

    def _report(self, request: TrialRequest, step: int, value: float,
                checkpoint: Optional[str]) -> Optional[Decision]:
        key = (request.trial_id, request.attempt, step)
        waiter = self._pending.register(key)
        self._post(_Outgoing(events.trial_reported(request, self.worker_id, step, value, checkpoint)))
        decision = self._pending.wait(key, waiter, self.decision_timeout)
        running = self._running.get(request.key)
        if running is not None:
            running.extend()  # the host extends the deadline on every report
        if decision is None:
            log.info("no decision for trial %s step %d within %.0f s; continuing",
                     request.trial_id, step, self.decision_timeout)
        return decision

    def _post(self, outgoing: _Outgoing) -> None:
        self._outbox.append(outgoing)
        self._wake()

    # -- publishing (connection thread only) ---------------------------------------------------

    def _announce(self, running: _RunningTrial) -> None:
        """TrialStarted for a trial still running on this connection (its outcome is not out yet)."""
        request = running.request
        if self._running.get(request.key) is running and running.delivery[0] == self._generation:
            self._publish(events.trial_started(request, self.worker_id, running.started_at))

    def _drain(self) -> None:
        if self._draining or self._channel is None:
            return
        self._draining = True
        try:
            while self._outbox:
                outgoing = self._outbox[0]
                self._publish(outgoing.event)  # raises when the connection is lost: item stays
                self._outbox.popleft()
                if outgoing.finished is not None:
                    self._finish(outgoing.finished, outgoing.event)
        finally:
            self._draining = False

    def _finish(self, running: _RunningTrial, outcome: Event) -> None:
        request = running.request
        self._running.pop(request.key, None)
        log.info("trial %s attempt %d: %s %s", request.trial_id, request.attempt, outcome.message_type,
                 outcome.body.get("value", outcome.body.get("error")))
        generation, tag = running.delivery
        if generation == self._generation:
            self._channel.basic_ack(tag)
        else:
            log.info("trial %s: its delivery belonged to a lost connection; the broker redelivers it",
                     request.trial_id)

    def _publish(self, event: Event) -> None:
        self._channel.basic_publish(
            exchange_name(event.message_type), "", encode(event.body),
            topology.publish_properties(message_type_urn(event.message_type),
                                        tracecontext.headers_for(event.traceparent)))


def _seconds_until(deadline: Optional[str]) -> Optional[float]:
    """Seconds from now until an ISO 8601 deadline (checked when the request was parsed), or None."""
    if not deadline:
        return None
    return max(1.0, (parse_timestamp(deadline) - datetime.now(timezone.utc)).total_seconds())


def _is_refusal(error: Exception) -> bool:
    """Wrong credentials (403 ACCESS_REFUSED) or an unknown vhost (530 NOT_ALLOWED): true on every retry."""
    if isinstance(error, (AuthenticationError, ProbableAuthenticationError, ProbableAccessDeniedError)):
        return True
    return isinstance(error, ConnectionClosedByBroker) and error.reply_code in (403, 530)


def _refusal(url: str, error: Exception) -> str:
    detail = str(error) or type(error).__name__
    return (f"the broker at {mask_url(url)} refused the connection ({detail}); "
            "check the user, password and virtual host in the URL")
