"""Trainers that misbehave on purpose; the test workers import this with ``--module``."""

from __future__ import annotations

import time

from hyperbus_trainer import TrialContext, TrialFailedError, trainer


@trainer("test-raise")
def raises(ctx: TrialContext) -> float:
    raise RuntimeError(f"boom in trial {ctx.number}")


@trainer("test-fail")
def fails(ctx: TrialContext) -> float:
    raise TrialFailedError("C must be positive")


@trainer("test-nan")
def returns_nan(ctx: TrialContext) -> float:
    return float("nan")


@trainer("test-slow")
def slow(ctx: TrialContext) -> float:
    deadline = time.monotonic() + float(ctx.params["seconds"])
    while time.monotonic() < deadline:
        time.sleep(0.05)
    return 0.5


@trainer("test-hang")
def hangs(ctx: TrialContext) -> float:
    """Stuck (in native code, say): ignores its deadline and never reports; returns after 60 s."""
    time.sleep(60)
    return 0.5


@trainer("test-exit")
def exits(ctx: TrialContext) -> float:
    """Takes its process down with it (a crash in native code, say)."""
    import os

    os._exit(3)
