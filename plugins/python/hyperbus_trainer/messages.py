"""The wire messages (contracts/schema/*.schema.json): parse TrialRequested/TrialDecision, build events.

Bodies are MassTransit raw JSON: no envelope, camelCase names, Guids as strings, enums as their
.NET names ("Continue", "Stop", "Exploit"; any case is accepted when reading).
"""

from __future__ import annotations

import json
import math
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping, Optional

from .errors import MalformedMessageError

NAMESPACE = "HyperBus.Contracts"
EVENT_TYPES = ("TrialStarted", "TrialReported", "TrialCompleted", "TrialFailed")


def exchange_name(message_type: str) -> str:
    """The fanout exchange MassTransit publishes a message type to."""
    return f"{NAMESPACE}:{message_type}"


def message_type_urn(message_type: str) -> str:
    """The ``MT-MessageType`` header value the raw JSON deserializer picks the type from."""
    return f"urn:message:{NAMESPACE}:{message_type}"


@dataclass(frozen=True)
class Budget:
    """How much of the study's fidelity (epochs, rounds, ...) a trial may spend."""

    name: str
    amount: float


@dataclass(frozen=True)
class TrialRequest:
    """A parsed ``TrialRequested`` command."""

    study_id: str
    trial_id: str
    number: int
    attempt: int
    trainer: str
    params: dict[str, Any]
    fixed: dict[str, Any] = field(default_factory=dict)
    metric: Optional[str] = None
    budget: Optional[Budget] = None
    checkpoint: Optional[str] = None
    deadline: Optional[str] = None
    timeout_seconds: Optional[float] = None  # allowed silence once running; restarts on every report
    traceparent: Optional[str] = None  # this worker's span for the attempt, a child of the host's send (headers)

    @property
    def key(self) -> tuple[str, int]:
        return (self.trial_id, self.attempt)


@dataclass(frozen=True)
class Decision:
    """A parsed ``TrialDecision``: the host's answer to one report."""

    trial_id: str
    attempt: int
    step: int
    action: str  # "continue", "stop" or "exploit"
    params: Optional[dict[str, Any]] = None
    checkpoint: Optional[str] = None


def _load_object(body: bytes) -> dict[str, Any]:
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MalformedMessageError(f"body is not valid JSON: {error}") from None
    if not isinstance(document, dict):
        raise MalformedMessageError("body is not a JSON object")
    if isinstance(document.get("message"), dict) and "messageType" in document:
        return document["message"]  # a MassTransit envelope from a peer not on the raw serializer
    return document


def _require(document: Mapping[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = document.get(name)
    if value is None:
        raise MalformedMessageError(f"required field '{name}' is missing")
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise MalformedMessageError(f"field '{name}' has the wrong type ({type(value).__name__})")
    return value


def _require_guid(document: Mapping[str, Any], name: str) -> str:
    value = _require(document, name, str)
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise MalformedMessageError(f"field '{name}' is not a Guid: {value!r}") from None


def _optional(document: Mapping[str, Any], name: str, kind: type) -> Any:
    value = document.get(name)
    if value is not None and not isinstance(value, kind):
        raise MalformedMessageError(f"field '{name}' has the wrong type ({type(value).__name__})")
    return value


def parse_trial_requested(body: bytes) -> TrialRequest:
    """Parses and validates a TrialRequested body; raises MalformedMessageError with the reason."""
    document = _load_object(body)
    budget_document = _optional(document, "budget", dict)
    budget = None
    if budget_document is not None:
        budget = Budget(_require(budget_document, "name", str),
                        float(_require(budget_document, "amount", (int, float))))
    return TrialRequest(
        study_id=_require_guid(document, "studyId"),
        trial_id=_require_guid(document, "trialId"),
        number=_require(document, "number", int),
        attempt=_require(document, "attempt", int),
        trainer=_require(document, "trainer", str),
        params=_require(document, "params", dict),
        fixed=_optional(document, "fixed", dict) or {},
        metric=_optional(document, "metric", str),
        budget=budget,
        checkpoint=_optional(document, "checkpoint", str),
        deadline=_optional_datetime(document, "deadline"),
        timeout_seconds=_optional_number(document, "timeoutSeconds"),
    )


def parse_timestamp(text: str) -> datetime:
    """An ISO-8601 DateTimeOffset: ``Z`` or an offset (none means UTC), up to 7 fractional digits as .NET writes."""
    text = text.replace("Z", "+00:00").replace("z", "+00:00")
    head, dot, rest = text.partition(".")
    if dot:
        digits = "".join(ch for ch in rest if ch.isdigit())
        text = f"{head}.{digits[:6]}{rest[len(digits):]}"
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def _optional_datetime(document: Mapping[str, Any], name: str) -> Optional[str]:
    value = _optional(document, name, str)
    if value is not None:
        try:
            parse_timestamp(value)
        except ValueError:
            raise MalformedMessageError(f"field '{name}' is not an ISO-8601 date-time: {value!r}") from None
    return value


def _optional_number(document: Mapping[str, Any], name: str) -> Optional[float]:
    value = _optional(document, name, (int, float))
    if value is not None and (isinstance(value, bool) or value <= 0):
        raise MalformedMessageError(f"'{name}' must be a positive number, got {value!r}")
    return None if value is None else float(value)


def parse_trial_decision(body: bytes) -> Decision:
    """Parses a TrialDecision body; raises MalformedMessageError with the reason."""
    document = _load_object(body)
    action = _require(document, "action", (str, int))
    if isinstance(action, int):  # a host configured without the string enum converter
        action = ("continue", "stop", "exploit")[action] if 0 <= action <= 2 else str(action)
    action = action.lower()
    if action not in ("continue", "stop", "exploit"):
        raise MalformedMessageError(f"unknown action {action!r}")
    return Decision(
        trial_id=_require_guid(document, "trialId"),
        attempt=_require(document, "attempt", int),
        step=_require(document, "step", int),
        action=action,
        params=_optional(document, "params", dict),
        checkpoint=_optional(document, "checkpoint", str),
    )


def utc_now_iso() -> str:
    """Now as an ISO-8601 DateTimeOffset string."""
    return datetime.now(timezone.utc).isoformat()


def finite_metrics(metrics: Optional[Mapping[str, Any]]) -> Optional[dict[str, float]]:
    """Metrics as floats; non-finite or non-numeric ones are dropped (JSON has no NaN)."""
    if metrics is None:
        return None
    result: dict[str, float] = {}
    for name, value in metrics.items():
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(number):
            result[str(name)] = number
    return result


def encode(document: Mapping[str, Any]) -> bytes:
    """A message body; refuses NaN/Infinity, which .NET's JSON reader rejects."""
    return json.dumps(document, allow_nan=False, separators=(",", ":")).encode("utf-8")
