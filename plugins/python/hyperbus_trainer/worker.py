"""The worker: consumes TrialRequested, trains in threads, publishes events, acks after the outcome's confirm.

All AMQP work happens on one I/O loop (pika's SelectConnection; pika is not thread-safe) on the thread
that calls ``run`` (see ``reconnecting``); training threads hand their events to it with ``call_soon``.
Publishing never waits for the broker's confirm (see ``publisher``): the request an outcome answers is
acknowledged when that confirm arrives, so a worker that dies first leaves the request to be redelivered.
A slot frees as soon as the trainer returns; with ``prefetch`` above the concurrency, requests beyond
the slots wait here for one. Heartbeats keep flowing however long a trial trains.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import threading
import time
from functools import partial
from typing import Any, Deque, Dict, Generator, Mapping, Optional, Tuple

from pika.exceptions import AMQPError

from . import checkpoints, events, topology, tracecontext
from .context import TrialContext
from .decisions import PendingDecisions
from .errors import MalformedMessageError
from .events import Event
from .identity import MAX_MESSAGE_BYTES, default_worker_id
from .messages import Decision, TrialRequest, parse_trial_decision, parse_trial_requested
from .publisher import ConfirmedPublisher, Outgoing, event_message
from .reconnecting import ReconnectingConnection
from .registry import TrainerFunction
from .running import Delivery, RunningTrial
from .trial import execute
from .urls import mask_url

log = logging.getLogger(__name__)

# A trainer past its deadline gets this long to return before the worker gives up on it.
DEADLINE_GRACE_SECONDS = 2.0
# Deadlines are checked, and a stop asked for from a signal handler is seen, this often.
HOUSEKEEPING_SECONDS = 0.25
# On stop, outcomes already published get this long for their confirms, so their requests are acked.
STOP_GRACE_SECONDS = 3.0


class Worker:
    """Serves the given trainer kinds from RabbitMQ until ``stop`` is called."""

    def __init__(self, url: str, trainers: Mapping[str, TrainerFunction], concurrency: int = 1,
                 worker_id: Optional[str] = None, decision_timeout: float = 30.0,
                 max_reconnect_delay: float = 30.0, checkpoint_root: Optional[str] = None,
                 announce_after: float = 1.0, prefetch: Optional[int] = None) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        if prefetch is not None and prefetch < concurrency:
            raise ValueError(f"prefetch must be at least the concurrency ({concurrency}), not {prefetch}")
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
        # outcome alone, as the C# SDK does: on short trials that saves a publish in every three.
        self.announce_after = announce_after
        # Requests held per kind. Beyond the concurrency, the next request can wait here while an outcome's
        # confirm (and so its request's ack) is on its way; it starts when a slot frees. Not the default:
        # a request held here is one another worker with a free slot cannot take.
        self.prefetch = prefetch or concurrency
        self._stopping = threading.Event()
        self._pending = PendingDecisions()
        self._running: Dict[Tuple[str, int], RunningTrial] = {}  # started; outcome not confirmed yet
        self._waiting: Dict[str, Deque[RunningTrial]] = {kind: collections.deque() for kind in self.trainers}
        self._busy: Dict[str, int] = {kind: 0 for kind in self.trainers}
        self._link = ReconnectingConnection(url, f"hyperbus-trainer {self.worker_id}", max_reconnect_delay,
                                            self._setup_steps, self._on_serving, self._on_lost)
        self._publisher = ConfirmedPublisher(lambda delay, callback: self._link.ioloop.call_later(delay, callback))
        self._stop_by: Optional[float] = None

    # -- lifecycle ---------------------------------------------------------------------------

    def run(self) -> None:
        """Connects, serves, reconnects with back-off when the connection is lost; returns after stop."""
        self._link.run(on_start=lambda: self._link.ioloop.call_later(HOUSEKEEPING_SECONDS, self._housekeeping))
        if self._running:
            log.info("stopped with %d trial(s) in flight; the broker redelivers them", len(self._running))

    def stop(self) -> None:
        """Thread- and signal-safe: ends ``run`` soon; unacknowledged trials go back to the queue."""
        self._stopping.set()
        # From a signal handler on the loop's own thread pika's wake-up lock may be held: the next
        # housekeeping tick sees the flag instead.
        if threading.get_ident() != self._link.loop_thread:
            self._link.call_soon(self._wind_down)

    def _housekeeping(self) -> None:
        self._link.drain()
        self._expire()
        if self._stopping.is_set():
            self._wind_down()
        if self._link.ioloop is not None:
            self._link.ioloop.call_later(HOUSEKEEPING_SECONDS, self._housekeeping)

    def _wind_down(self) -> None:
        """Gives outcomes already published a moment for their confirms (so their requests are acked), then ends."""
        if self._stop_by is None:
            self._stop_by = time.monotonic() + STOP_GRACE_SECONDS
            self._await_confirms()

    def _await_confirms(self) -> None:
        if self._publisher.unconfirmed and self._link.channel is not None and time.monotonic() < self._stop_by:
            self._link.ioloop.call_later(0.05, self._await_confirms)
        else:
            self._link.shut()

    # -- each connection -----------------------------------------------------------------------

    def _setup_steps(self, open_channel: topology.Step) -> Generator[topology.Step, Any, None]:
        channel = yield from topology.declare(open_channel, self.trainers, self.worker_id)
        yield topology.call(channel.confirm_delivery, self._publisher.on_confirm)
        self._link.channel = channel  # before consuming: a delivery may come before the last ConsumeOk
        self._publisher.attach(channel)
        yield topology.call(channel.basic_qos, prefetch_count=self.prefetch)
        yield topology.call(channel.basic_consume, topology.worker_queue(self.worker_id), self._on_decision,
                            auto_ack=True, exclusive=True)
        for kind in self.trainers:
            yield topology.call(channel.basic_consume, topology.trainer_queue(kind), partial(self._on_request, kind))

    def _on_serving(self) -> None:
        log.info("worker %s serving %s from %s (concurrency %d)", self.worker_id,
                 ", ".join(sorted(self.trainers)), mask_url(self.url), self.concurrency)
        if self._stopping.is_set():
            self._wind_down()

    def _on_lost(self) -> None:
        self._publisher.detach()
        for waiting in self._waiting.values():
            waiting.clear()  # deliveries of the lost connection: the broker redelivers them

    # -- consuming ---------------------------------------------------------------------------

    def _on_request(self, kind: str, channel: Any, method: Any, properties: Any, body: bytes) -> None:
        if self._stopping.is_set():
            return  # left unacknowledged: it goes back to the queue when the connection closes
        delivery = (self._link.generation, method.delivery_tag)
        if len(body) > MAX_MESSAGE_BYTES:
            # Parked whole: whoever inspects the error queue must see exactly what was sent.
            self._reject(kind, properties, body, delivery,
                         f"message of {len(body)} bytes is over the {MAX_MESSAGE_BYTES}-byte limit")
            return
        try:
            request = parse_trial_requested(body)
        except MalformedMessageError as error:
            self._reject(kind, properties, body, delivery, str(error))
            return
        parent = tracecontext.incoming(properties.headers)
        if parent is not None:
            request = dataclasses.replace(request, traceparent=tracecontext.child(parent))
        running = self._running.get(request.key)
        if running is not None:
            self._redelivered(running, delivery, channel)
            return
        if any(waiting.request.key == request.key for waiting in self._waiting[kind]):
            log.info("duplicate request for trial %s attempt %d ignored", *request.key)
            channel.basic_ack(delivery[1])
            return
        self._waiting[kind].append(RunningTrial(request, delivery, kind))
        self._start_waiting(kind)

    def _start_waiting(self, kind: str) -> None:
        waiting = self._waiting[kind]
        while waiting and self._busy[kind] < self.concurrency and not self._stopping.is_set():
            self._start(waiting.popleft())

    def _start(self, running: RunningTrial) -> None:
        request = running.request
        self._busy[running.kind] += 1
        running.begin()
        self._running[request.key] = running
        function = self.trainers.get(request.trainer)
        if function is None:
            log.error("trial %s asks for trainer '%s', which this worker does not have",
                      request.trial_id, request.trainer)
        else:
            log.info("trial %s #%d attempt %d (%s) started", request.trial_id, request.number,
                     request.attempt, request.trainer)
            if self.announce_after > 0:
                self._link.ioloop.call_later(self.announce_after, partial(self._announce, running))
            else:
                self._announce(running)
        context = TrialContext(request, partial(self._report, request), self.checkpoint_root)
        thread = threading.Thread(target=self._train, args=(running, function, context),
                                  name=f"trial-{request.number}-{request.attempt}", daemon=True)
        thread.start()

    def _redelivered(self, running: RunningTrial, delivery: Delivery, channel: Any) -> None:
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

    def _reject(self, kind: str, properties: Any, body: bytes, delivery: Delivery, reason: str) -> None:
        log.error("malformed message %s on %s moved to %s: %s", properties.message_id,
                  topology.trainer_queue(kind), topology.error_queue(kind), reason)
        parked = topology.fault_properties(properties, reason)
        # Acked once parked; not resent after a lost connection, since the broker redelivers the original.
        self._publisher.publish(Outgoing(topology.error_queue(kind), body, parked, f"fault on {kind}",
                                         confirmed=partial(self._ack, delivery), resend=False))

    def _ack(self, delivery: Delivery) -> bool:
        """Acknowledges a delivery of the current connection; False when it belonged to a lost one."""
        if delivery[0] != self._link.generation or self._link.channel is None:
            return False
        try:
            self._link.channel.basic_ack(delivery[1])
        except AMQPError:
            return False  # closing: the broker redelivers it
        return True

    # -- training threads ----------------------------------------------------------------------

    def _train(self, running: RunningTrial, function: Optional[TrainerFunction],
               context: TrialContext) -> None:
        request = running.request
        refused = checkpoints.refuse(context.checkpoint_root, request.checkpoint) if request.checkpoint else None
        if refused is not None:
            outcome = events.trial_failed(request, self.worker_id, refused, False)
        else:
            outcome = execute(function, context, self.worker_id)
        message = event_message(outcome, confirmed=partial(self._finish, running, outcome))
        self._link.call_soon(partial(self._trained, running, message))

    def _report(self, request: TrialRequest, step: int, value: float,
                checkpoint: Optional[str]) -> Optional[Decision]:
        key = (request.trial_id, request.attempt, step)
        waiter = self._pending.register(key)
        message = event_message(events.trial_reported(request, self.worker_id, step, value, checkpoint))
        self._link.call_soon(partial(self._publisher.publish, message))
        decision = self._pending.wait(key, waiter, self.decision_timeout)
        running = self._running.get(request.key)
        if running is not None:
            running.extend()  # the host extends the deadline on every report
        if decision is None:
            log.info("no decision for trial %s step %d within %.0f s; continuing",
                     request.trial_id, step, self.decision_timeout)
        return decision

    # -- on the loop: slots, deadlines, outcomes ------------------------------------------------

    def _trained(self, running: RunningTrial, outcome: Outgoing) -> None:
        if running.abandoned:
            log.info("trial %s attempt %d returned after it was abandoned; outcome dropped", *running.request.key)
            return
        self._release(running)
        self._publisher.publish(outcome)

    def _release(self, running: RunningTrial) -> None:
        """Frees the trial's slot (the next waiting request starts) while its outcome awaits the confirm."""
        if not running.released:
            running.released = True
            self._busy[running.kind] -= 1
            self._start_waiting(running.kind)

    def _expire(self) -> None:
        """Gives up on trials past their deadline, so a hung trainer cannot wedge the worker.

        Python cannot kill the training thread; it is left to finish or hang on its own while the
        slot, and the request's delivery, are freed. The host retries the attempt per its policy.
        """
        now = time.monotonic()
        for running in list(self._running.values()):
            if running.released or running.expires is None or now < running.expires + DEADLINE_GRACE_SECONDS:
                continue
            running.abandoned = True
            request = running.request
            log.warning("trial %s attempt %d passed its deadline (%.0f s without an outcome or report); abandoned",
                        request.trial_id, request.attempt, running.span)
            error = f"deadline passed: no outcome or report within {running.span:.0f} s on worker {self.worker_id}"
            outcome = events.trial_failed(request, self.worker_id, error, True)
            self._release(running)
            self._publisher.publish(event_message(outcome, confirmed=partial(self._finish, running, outcome)))

    def _announce(self, running: RunningTrial) -> None:
        """TrialStarted for a trial still training on this connection (its outcome is not out yet)."""
        request = running.request
        if (self._running.get(request.key) is running and not running.released
                and running.delivery[0] == self._link.generation):
            self._publisher.publish(event_message(events.trial_started(request, self.worker_id, running.started_at)))

    def _finish(self, running: RunningTrial, outcome: Event) -> None:
        """The outcome is confirmed: now, and only now, the request it answers is acknowledged."""
        request = running.request
        if self._running.get(request.key) is running:
            del self._running[request.key]
        log.info("trial %s attempt %d: %s %s", request.trial_id, request.attempt, outcome.message_type,
                 outcome.body.get("value", outcome.body.get("error")))
        if not self._ack(running.delivery):
            log.info("trial %s: its delivery belonged to a lost connection; the broker redelivers it",
                     request.trial_id)
