"""Trainers for the fault drills; the integration tests start Python workers with ``--module fault_trainers``."""

from __future__ import annotations

import math
import time

from hyperbus_trainer import TrialContext, trainer


def _work(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.02)


@trainer("fault-sleep")
def sleep_then_score(ctx: TrialContext) -> float:
    """Simulated training of ``seconds`` (fixed), then a smooth objective of x."""
    _work(float(ctx.params.get("seconds", 0.5)))
    return (float(ctx.params["x"]) - 0.3) ** 2


@trainer("fault-hang-first")
def hang_on_first_attempt(ctx: TrialContext) -> float:
    """Hangs (ignoring everything) on attempt 1 of even-numbered trials; later attempts succeed."""
    if ctx.attempt == 1 and ctx.number % 2 == 0:
        while True:
            time.sleep(0.1)
    return float(ctx.params["x"])


@trainer("fault-flaky")
def flaky(ctx: TrialContext) -> float:
    """Attempt 1 throws, returns NaN or infinity by trial number; attempt 2 succeeds."""
    if ctx.attempt == 1:
        kind = ctx.number % 3
        if kind == 0:
            raise RuntimeError(f"simulated crash in trial {ctx.number}")
        if kind == 1:
            return math.nan
        return math.inf
    return float(ctx.params["x"])


@trainer("fault-fifo-artifact")
def fifo_artifact(ctx: TrialContext) -> dict:
    """Even-numbered trials return a FIFO inside the artifact folder as their model; the host must refuse it unopened."""
    import os

    value = float(ctx.params["x"])
    if ctx.number % 2:
        return {"value": value}
    folder = os.path.join(str(ctx.params["artifacts"]), ctx.study_id, f"trial-{ctx.number}-attempt-{ctx.attempt}")
    os.makedirs(folder, exist_ok=True)
    fifo = os.path.join(folder, "model.onnx")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    return {"value": value, "artifact": fifo}


_outage_started: float | None = None


@trainer("fault-outage")
def outage(ctx: TrialContext) -> float:
    """Fails every attempt for the first ``outageSeconds`` (fixed, default 60) after this worker's first attempt, then recovers."""
    global _outage_started  # noqa: PLW0603 - the outage is the worker's, not one trial's
    now = time.monotonic()
    if _outage_started is None:
        _outage_started = now
    if now - _outage_started < float(ctx.params.get("outageSeconds", 60)):
        raise RuntimeError("CUDA error: all CUDA-capable devices are busy or unavailable")
    return (float(ctx.params["x"]) - 0.3) ** 2
