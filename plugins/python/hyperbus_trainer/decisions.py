"""Reports waiting for the host's decision, matched by (trial id, attempt, step)."""

from __future__ import annotations

import threading
from typing import Dict, Optional, Tuple

from .messages import Decision

ReportKey = Tuple[str, int, int]


class _Waiter:
    def __init__(self) -> None:
        self.event = threading.Event()
        self.decision: Optional[Decision] = None


class PendingDecisions:
    """Thread-safe: training threads register and wait, the connection thread completes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: Dict[ReportKey, _Waiter] = {}

    def register(self, key: ReportKey) -> _Waiter:
        waiter = _Waiter()
        with self._lock:
            self._waiting[key] = waiter
        return waiter

    def complete(self, decision: Decision) -> bool:
        """Hands the decision to its report; False when nobody waits for it (late or foreign)."""
        with self._lock:
            waiter = self._waiting.pop((decision.trial_id, decision.attempt, decision.step), None)
        if waiter is None:
            return False
        waiter.decision = decision
        waiter.event.set()
        return True

    def wait(self, key: ReportKey, waiter: _Waiter, timeout: float) -> Optional[Decision]:
        """The decision, or None after ``timeout`` seconds."""
        if not waiter.event.wait(timeout):
            with self._lock:
                self._waiting.pop(key, None)
        return waiter.decision
