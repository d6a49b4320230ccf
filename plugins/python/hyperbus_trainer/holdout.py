"""The rows a study holds out for verification (``verify: {holdout, seed}`` in the spec).

The host sends ``holdout`` and ``holdoutSeed`` in ``fixed``; a trainer must neither train nor validate on
these rows, because the host scores the returned model on them. Each row gets a SplitMix64 key from
(seed, row index) and the floor(rows x holdout) rows with the smallest keys are held out: plain 64-bit
integer arithmetic, so the host (C#, ``HoldoutSplit``) and trainers in any language pick the same rows.
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Optional

import numpy as np

_MASK = (1 << 64) - 1


def splitmix64(x: int) -> int:
    z = (x + 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


def holdout_rows(rows: int, fraction: float, seed: int) -> np.ndarray:
    """A boolean mask over ``rows`` rows: True for a held-out row."""
    if rows <= 0:
        raise ValueError("rows must be positive")
    if not 0 < fraction < 1:
        raise ValueError(f"holdout must be between 0 and 1, not {fraction}")
    count = max(1, math.floor(rows * fraction))
    keys = [(splitmix64(((seed << 32) ^ i) & _MASK), i) for i in range(rows)]
    mask = np.zeros(rows, dtype=bool)
    for _, index in sorted(keys)[:count]:
        mask[index] = True
    return mask


def usable_rows(rows: int, params: Mapping[str, Any]) -> np.ndarray:
    """The indices a trainer may train and validate on: all rows, less the holdout when the study has one."""
    fraction: Optional[Any] = params.get("holdout")
    if fraction is None:
        return np.arange(rows)
    mask = holdout_rows(rows, float(fraction), int(params.get("holdoutSeed", 0)))
    return np.flatnonzero(~mask)
