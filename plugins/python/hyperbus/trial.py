"""Trials as a notebook user of Optuna knows them: ``FrozenTrial`` and ``TrialState``."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Optional


class TrialState(enum.Enum):
    """Optuna's names for HyperBus's trial states (HyperBus has no WAITING: a trial exists once requested)."""

    RUNNING = "Running"
    COMPLETE = "Completed"
    PRUNED = "Pruned"
    FAIL = "Failed"

    def is_finished(self) -> bool:
        return self is not TrialState.RUNNING


@dataclass(frozen=True)
class FrozenTrial:
    """One stored trial. ``value`` is the objective (the first one of a multi-objective study)."""

    number: int
    trial_id: str
    state: TrialState
    value: Optional[float]
    values: Optional[list[float]]
    params: dict[str, Any]
    datetime_start: Optional[datetime]
    datetime_complete: Optional[datetime]
    duration: Optional[timedelta]
    attempts: int
    budget: Optional[float] = None
    user_attrs: dict[str, str] = field(default_factory=dict)
    intermediate_values: dict[int, Optional[float]] = field(default_factory=dict)
    constraints: Optional[list[float]] = None

    @property
    def feasible(self) -> bool:
        """Optuna's rule: every constraint value is at most 0 (no constraints: feasible)."""
        return all(c <= 0 for c in self.constraints or [])
