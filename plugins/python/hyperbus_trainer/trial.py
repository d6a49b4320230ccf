"""Runs one trainer call and turns what it returned or raised into TrialCompleted or TrialFailed."""

from __future__ import annotations

import logging
import math
import os
import time
import traceback
from typing import Any, Mapping, Optional

from . import events
from .context import TrialContext
from .errors import TrialFailedError
from .events import Event
from .messages import finite_metrics
from .registry import TrainerFunction

log = logging.getLogger(__name__)


def execute(function: Optional[TrainerFunction], context: TrialContext, worker_id: str) -> Event:
    """Trains and returns the outcome event; never raises."""
    request = context.request
    if function is None:
        return events.trial_failed(
            request, worker_id, f"no trainer of kind '{request.trainer}' on worker {worker_id}", False)
    started = time.monotonic()
    try:
        result = function(context)
    except TrialFailedError as error:
        return events.trial_failed(request, worker_id, str(error) or type(error).__name__, False)
    except BaseException as error:  # noqa: BLE001 - a trainer must never take the worker down
        # One line per failure, as the host logs it; the traceback only when asked for (--log-level DEBUG).
        log.warning("trial %s attempt %s raised %s: %s (%s)", request.trial_id, request.attempt,
                    type(error).__name__, error, _raised_at(error))
        log.debug("trial %s attempt %s traceback", request.trial_id, request.attempt, exc_info=True)
        return events.trial_failed(request, worker_id, f"{type(error).__name__}: {error}", True)
    duration = time.monotonic() - started
    try:
        return _completed(result, context, worker_id, duration)
    except (TypeError, ValueError) as error:
        return events.trial_failed(request, worker_id, f"trainer returned {error}", False)


def _raised_at(error: BaseException) -> str:
    """Where the error was raised: the innermost frame's file, line and function."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "no frame"
    frame = frames[-1]
    return f"{os.path.basename(frame.filename)}:{frame.lineno} in {frame.name}"


def _completed(result: Any, context: TrialContext, worker_id: str, duration: float) -> Event:
    fields: Mapping[str, Any] = result if isinstance(result, Mapping) else {"value": result}
    raw_value = fields.get("value")
    if raw_value is None and context.stopped:
        raw_value = context.last_value
    if raw_value is None:
        raise ValueError("no value: return a number or {'value': number, 'metrics': {...}}")
    value = float(raw_value)
    # Retryable: a diverged run (NaN loss) may well converge on another attempt.
    if math.isnan(value):
        return events.trial_failed(context.request, worker_id, "objective is NaN", True)
    if math.isinf(value):
        return events.trial_failed(context.request, worker_id, f"objective is {value}", True)
    values = fields.get("values")
    if values is not None:
        values = [float(v) for v in values]
        if not all(math.isfinite(v) for v in values):
            return events.trial_failed(context.request, worker_id, "an objective value is not finite", True)
    return events.trial_completed(
        context.request, worker_id, value=value, values=values,
        metrics=finite_metrics(fields.get("metrics")), pruned=context.stopped,
        checkpoint=fields.get("checkpoint"), artifact=fields.get("artifact"), duration_seconds=duration)
