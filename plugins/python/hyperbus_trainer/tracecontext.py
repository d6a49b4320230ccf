"""W3C trace context across a trial: the host's span travels to the worker and back on the outcomes.

MassTransit carries the sending span as ``MT-Activity-Id`` (a W3C ``traceparent`` value,
``00-<trace id>-<span id>-<flags>``); this SDK reads that header (or ``traceparent``) from a
``TrialRequested`` and puts a child span id under the same trace id on every event it publishes for
that trial, so a tracing backend shows the host's request, the worker's events and the host's handling
as one trace.
"""

from __future__ import annotations

import re
import secrets
from typing import Any, Mapping, Optional

MASSTRANSIT_HEADER = "MT-Activity-Id"
W3C_HEADER = "traceparent"
_TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


def incoming(headers: Optional[Mapping[str, Any]]) -> Optional[str]:
    """The sender's traceparent from message headers, or None when it sent none (or a malformed one)."""
    for name in (MASSTRANSIT_HEADER, W3C_HEADER):
        value = (headers or {}).get(name)
        if isinstance(value, bytes):
            value = value.decode("ascii", "replace")
        if isinstance(value, str) and _TRACEPARENT.match(value.strip().lower()):
            trace = value.strip().lower()
            if trace.split("-")[1] != "0" * 32:
                return trace
    return None


def child(parent: str) -> str:
    """A traceparent in the parent's trace with a new span id (this worker's span for the trial)."""
    version, trace_id, _, flags = _TRACEPARENT.match(parent).groups()  # type: ignore[union-attr]
    return f"{version}-{trace_id}-{secrets.token_hex(8)}-{flags}"


def headers_for(traceparent: Optional[str]) -> dict[str, str]:
    """The headers that carry a trace context on an outgoing message (none without one)."""
    if traceparent is None:
        return {}
    return {MASSTRANSIT_HEADER: traceparent, W3C_HEADER: traceparent}
