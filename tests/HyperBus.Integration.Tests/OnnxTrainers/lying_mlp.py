"""``test-lying-mlp``: the PyTorch MLP example, except that with ``lie: true`` it hands back an untrained
model and reports a near-perfect score for it. Verification must flag those trials and never pick one.
"""

from __future__ import annotations

from typing import Any

from hyperbus_trainer import TrialContext, trainer
from hyperbus_trainer.examples import torch_mlp


@trainer("test-lying-mlp")
def train(ctx: TrialContext) -> dict[str, Any]:
    if not ctx.params.get("lie"):
        return torch_mlp.run_trial(ctx)
    result = torch_mlp.run_trial(ctx, epochs=0)
    result["value"] = 0.999
    return result
