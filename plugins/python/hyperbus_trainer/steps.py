"""Runs a generator of asynchronous AMQP calls on pika's I/O loop, one after the other.

Each step the generator yields is started with a resume function; the call's completion callback
resumes the generator with its argument. A failure (a channel the broker closed) is thrown into
the generator, so a declaration sequence reads top to bottom with ordinary ``try``/``except``.
"""

from __future__ import annotations

from typing import Any, Callable, Generator

from .topology import Step


class StepRunner:
    """One sequence of steps; ``on_done`` gets the generator's return value, ``on_error`` what it raised."""

    def __init__(self, steps: Generator[Step, Any, Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> None:
        self._steps = steps
        self._on_done = on_done
        self._on_error = on_error
        self._token = 0  # which step is outstanding: a late callback of an earlier one is ignored
        self.finished = False

    def start(self) -> None:
        self._advance(lambda: self._steps.send(None))

    def fail(self, error: BaseException) -> None:
        """Throws ``error`` into the generator at its current step (no-op once finished)."""
        if not self.finished:
            self._advance(lambda: self._steps.throw(error))

    def _resume(self, token: int, result: Any = None) -> None:
        if not self.finished and token == self._token:
            self._advance(lambda: self._steps.send(result))

    def _advance(self, move: Callable[[], Step]) -> None:
        self._token += 1
        try:
            step = move()
        except StopIteration as done:
            self.finished = True
            self._on_done(done.value)
            return
        except Exception as error:  # noqa: BLE001 - handed to the owner, which decides
            self.finished = True
            self._on_error(error)
            return
        token = self._token
        try:
            step(lambda result=None: self._resume(token, result))
        except Exception as error:  # noqa: BLE001 - e.g. the channel closed under it: the generator decides
            self.fail(error)
