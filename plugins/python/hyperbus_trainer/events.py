"""The events a worker publishes, as camelCase dicts matching contracts/HyperBus.Contracts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from .messages import TrialRequest, utc_now_iso


@dataclass(frozen=True)
class Event:
    """A message to publish: its .NET type name and its body."""

    message_type: str
    body: dict[str, Any]
    traceparent: Optional[str] = None  # the trial's trace context, sent as headers


def _ids(request: TrialRequest) -> dict[str, Any]:
    return {"studyId": request.study_id, "trialId": request.trial_id, "attempt": request.attempt}


def _event(message_type: str, request: TrialRequest, body: dict[str, Any]) -> Event:
    return Event(message_type, body, traceparent=request.traceparent)


def trial_started(request: TrialRequest, worker_id: str, started_at: Optional[str] = None) -> Event:
    """``started_at``: when training began (an announcement sent later still says so); default now."""
    return _event("TrialStarted", request,
                  {**_ids(request), "workerId": worker_id, "startedAt": started_at or utc_now_iso()})


def trial_reported(request: TrialRequest, worker_id: str, step: int, value: float,
                   checkpoint: Optional[str]) -> Event:
    return _event("TrialReported", request, {**_ids(request), "step": step, "value": value,
                                               "checkpoint": checkpoint, "workerId": worker_id})


def trial_completed(request: TrialRequest, worker_id: str, *, value: float,
                    values: Optional[list[float]], metrics: Optional[dict[str, float]], pruned: bool,
                    checkpoint: Optional[str], artifact: Optional[str], duration_seconds: float) -> Event:
    return _event("TrialCompleted", request, {
        **_ids(request), "value": value, "values": values, "metrics": metrics, "pruned": pruned,
        "checkpoint": checkpoint, "artifact": artifact, "durationSeconds": duration_seconds,
        "workerId": worker_id})


def trial_failed(request: TrialRequest, worker_id: str, error: str, retryable: bool) -> Event:
    return _event("TrialFailed", request, {**_ids(request), "error": error, "retryable": retryable,
                                             "workerId": worker_id})
