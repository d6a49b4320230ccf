"""TrialContext: what a trainer function receives."""

from __future__ import annotations

import math
from typing import Any, Callable, Optional

from . import checkpoints
from .errors import TrialFailedError
from .messages import Decision, TrialRequest

# Sends a report and waits for the host's answer; None when none came in time.
Reporter = Callable[[int, float, Optional[str]], Optional[Decision]]


class TrialContext:
    """One trial attempt: its parameters, budget and checkpoint, and ``report`` for intermediate values."""

    def __init__(self, request: TrialRequest, reporter: Reporter, checkpoint_root: Optional[str] = None) -> None:
        self.request = request
        self._reporter = reporter
        self.checkpoint_root = checkpoint_root or checkpoints.default_root()
        self.params: dict[str, Any] = {**request.fixed, **request.params}
        self.checkpoint: Optional[str] = request.checkpoint
        self.stopped = False
        self.last_value: Optional[float] = None

    @property
    def study_id(self) -> str:
        return self.request.study_id

    @property
    def trial_id(self) -> str:
        return self.request.trial_id

    @property
    def number(self) -> int:
        return self.request.number

    @property
    def attempt(self) -> int:
        return self.request.attempt

    @property
    def metric(self) -> Optional[str]:
        return self.request.metric

    def checkpoint_dir(self) -> str:
        """This trial's own checkpoint folder, created on first use.

        Save state there and return its path as ``{"checkpoint": path}`` so a later trial (PBT) can
        resume from it via ``ctx.checkpoint``.
        """
        return checkpoints.trial_folder(self.checkpoint_root, self.study_id, self.trial_id)

    @property
    def budget(self) -> Optional[dict[str, Any]]:
        """``{"name": "epochs", "amount": 9.0}``, or None when the trial has the trainer's full budget."""
        budget = self.request.budget
        return None if budget is None else {"name": budget.name, "amount": budget.amount}

    def report(self, step: int, value: float, checkpoint: Optional[str] = None) -> str:
        """Reports ``value`` at ``step`` and returns the host's decision: "continue" or "stop".

        After "stop" the trainer should return its last value; the trial is recorded as pruned.
        A PBT host may answer "exploit": ``params`` and ``checkpoint`` then hold the trial to
        continue from. Without an answer within the decision timeout the trial continues.
        """
        value = float(value)
        if not math.isfinite(value):
            raise TrialFailedError(f"reported value at step {step} is {value}")
        self.last_value = value
        decision = self._reporter(int(step), value, checkpoint)
        if decision is None:
            return "continue"
        if decision.action == "stop":
            self.stopped = True
        elif decision.action == "exploit":
            self.params = {**self.request.fixed, **(decision.params or self.params)}
            self.checkpoint = decision.checkpoint
        return decision.action
