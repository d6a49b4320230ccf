"""The ``conformance`` trainer kind: behaves as the request says, for ``hyperbus conformance``.

Knobs (params or fixed settings; the C# SDK and the Node.js example implement the same):
``value``, ``values``, ``metrics``, ``reportSteps``, ``stepSeconds``, ``sleepSeconds`` (blocks like a
hung trainer), ``fail`` ("retryable" or "fatal") up to attempt ``failUntilAttempt``. A budget sets the
steps reported and the value; a checkpoint is handed back with ``metrics.resumed = 1``.
"""

from __future__ import annotations

import time
from typing import Any

from .context import TrialContext
from .errors import TrialFailedError
from .registry import trainer

KIND = "conformance"


@trainer(KIND)
def conformance(ctx: TrialContext) -> Any:
    p = ctx.params
    if "fail" in p and ctx.attempt <= int(p.get("failUntilAttempt", ctx.attempt)):
        if p["fail"] == "fatal":
            raise TrialFailedError(f"conformance: asked to fail for good on attempt {ctx.attempt}")
        raise RuntimeError(f"conformance: asked to fail on attempt {ctx.attempt}")
    if float(p.get("sleepSeconds", 0)) > 0:
        time.sleep(float(p["sleepSeconds"]))  # deaf to the deadline on purpose: the worker must enforce it
    budget = ctx.budget
    steps = int(p["reportSteps"]) if "reportSteps" in p else round(budget["amount"]) if budget else 0
    for step in range(1, steps + 1):
        time.sleep(float(p.get("stepSeconds", 0)))
        if ctx.report(step, 0.1 * step) == "stop":
            return 0.1 * step
    values = [float(v) for v in p["values"]] if "values" in p else None
    metrics = {name: float(v) for name, v in (p.get("metrics") or {}).items()}
    if ctx.checkpoint is not None:
        metrics["resumed"] = 1.0
    value = values[0] if values else float(p["value"]) if "value" in p else budget["amount"] if budget else 0.5
    return {"value": value, "values": values, "metrics": metrics or None, "checkpoint": ctx.checkpoint}
