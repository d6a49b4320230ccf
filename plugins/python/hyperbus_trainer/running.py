"""A trial request this worker holds: delivered, maybe waiting for a slot, training, or awaiting its confirm."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional, Tuple

from .messages import TrialRequest, parse_timestamp, utc_now_iso

Delivery = Tuple[int, int]  # (connection generation, delivery tag)


@dataclass
class RunningTrial:
    request: TrialRequest
    delivery: Delivery
    kind: str  # the trainer queue it came from: slots are counted per kind
    span: Optional[float] = None  # seconds the host allows without an outcome or a report
    started_at: str = ""  # when training began, for a TrialStarted sent later
    expires: Optional[float] = None  # time.monotonic() when that runs out
    released: bool = False  # its slot is free again: the trainer returned or the trial was abandoned
    abandoned: bool = False

    def begin(self) -> None:
        self.span = self.request.timeout_seconds or _seconds_until(self.request.deadline)
        self.started_at = utc_now_iso()
        self.extend()

    def extend(self) -> None:
        if self.span is not None:
            self.expires = time.monotonic() + self.span


def _seconds_until(deadline: Optional[str]) -> Optional[float]:
    """Seconds from now until an ISO 8601 deadline (checked when the request was parsed), or None."""
    if not deadline:
        return None
    return max(1.0, (parse_timestamp(deadline) - datetime.now(timezone.utc)).total_seconds())
