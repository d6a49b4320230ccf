"""``torch-mlp``: a PyTorch multilayer perceptron whose trained model is the trial's ONNX artifact.

Not imported with the other examples (PyTorch loads slowly); serve it with
``python3 -m hyperbus_trainer --module hyperbus_trainer.examples.torch_mlp --trainer torch-mlp``.

The model standardises its input itself, so the ONNX file takes raw feature rows ([rows, features],
float32) and gives class scores ([rows, classes]). With ``artifacts`` in ``fixed`` (the spec's
``artifacts:``) the trainer writes ``ARTIFACTS/STUDY/trial-N-attempt-A/model.onnx`` and, beside it,
``predictions.csv`` (the class this model predicts for every dataset row, for comparison), and returns
that folder. Rows in the study's holdout (``verify:``) are never trained or validated on.
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Tuple

import numpy as np
import torch
from sklearn.model_selection import train_test_split

from ..context import TrialContext
from ..holdout import usable_rows
from ..registry import trainer
from .datasets import load

torch.set_num_threads(1)  # trials run side by side on shared machines


class Standardize(torch.nn.Module):
    """(x - mean) / std with the training rows' statistics; in the model, so its ONNX file takes raw rows."""

    def __init__(self, mean: np.ndarray, std: np.ndarray) -> None:
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(np.where(std > 0, std, 1.0), dtype=torch.float32))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (x - self.mean) / self.std


def build(params: Mapping[str, Any], x_train: np.ndarray, classes: int) -> torch.nn.Module:
    hidden = int(params.get("hidden", 64))
    layers: list[torch.nn.Module] = [Standardize(x_train.mean(axis=0), x_train.std(axis=0))]
    width = x_train.shape[1]
    for _ in range(int(params.get("layers", 1))):
        layers += [torch.nn.Linear(width, hidden), torch.nn.ReLU()]
        width = hidden
    layers.append(torch.nn.Linear(width, classes))
    return torch.nn.Sequential(*layers)


def split(labels: np.ndarray, params: Mapping[str, Any]) -> Tuple[np.ndarray, np.ndarray]:
    """Train and validation row indices, both outside the holdout."""
    usable = usable_rows(len(labels), params)
    train, valid = train_test_split(usable, test_size=float(params.get("validation", 0.25)),
                                    stratify=labels[usable], random_state=int(params.get("seed", 0)))
    return np.sort(train), np.sort(valid)


def accuracy(model: torch.nn.Module, x: np.ndarray, y: np.ndarray) -> float:
    return float((predict(model, x) == y).mean())


def predict(model: torch.nn.Module, x: np.ndarray) -> np.ndarray:
    model.eval()
    with torch.no_grad():
        return model(torch.tensor(x, dtype=torch.float32)).argmax(dim=1).numpy()


def fit(ctx: Optional[TrialContext], params: Mapping[str, Any],
        epochs: Optional[int] = None) -> Tuple[torch.nn.Module, float, int]:
    """Trains on the train rows reporting validation accuracy per epoch: returns (model, accuracy, epochs)."""
    features, labels = load(str(params.get("dataset", "digits")))
    train, valid = split(labels, params)
    seed = int(params.get("seed", 0))
    torch.manual_seed(seed)
    model = build(params, features[train], int(labels.max()) + 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=float(params.get("lr", 1e-2)),
                                 weight_decay=float(params.get("weight_decay", 0.0)))
    x_train = torch.tensor(features[train], dtype=torch.float32)
    y_train = torch.tensor(labels[train], dtype=torch.long)
    batch = int(params.get("batch_size", 64))
    order = torch.Generator().manual_seed(seed)
    total = _epochs(ctx, params) if epochs is None else epochs
    value = accuracy(model, features[valid], labels[valid])
    ran = 0
    for epoch in range(1, total + 1):
        model.train()
        for rows in torch.randperm(len(train), generator=order).split(batch):
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(model(x_train[rows]), y_train[rows]).backward()
            optimizer.step()
        value = accuracy(model, features[valid], labels[valid])
        ran = epoch
        if ctx is not None and ctx.report(epoch, value) == "stop":
            break
    return model, value, ran


def export(model: torch.nn.Module, params: Mapping[str, Any], folder: str) -> str:
    """Writes model.onnx and predictions.csv (every dataset row) into ``folder``; returns the folder."""
    features, _ = load(str(params.get("dataset", "digits")))
    os.makedirs(folder, exist_ok=True)
    model.eval()
    torch.onnx.export(model, torch.zeros(1, features.shape[1]), os.path.join(folder, "model.onnx"),
                      input_names=["features"], output_names=["scores"],
                      dynamic_axes={"features": {0: "rows"}, "scores": {0: "rows"}})
    predictions = predict(model, features)
    with open(os.path.join(folder, "predictions.csv"), "w", encoding="utf-8") as out:
        out.write("prediction\n")
        out.writelines(f"{p}\n" for p in predictions)
    return folder


def artifact_folder(ctx: TrialContext) -> Optional[str]:
    root = ctx.params.get("artifacts")
    if root is None:
        return None
    return os.path.join(str(root), ctx.study_id, f"trial-{ctx.number}-attempt-{ctx.attempt}")


def _epochs(ctx: Optional[TrialContext], params: Mapping[str, Any]) -> int:
    budget = ctx.budget if ctx is not None else None
    if budget is not None and budget["name"] == "epochs":
        return max(1, int(round(budget["amount"])))
    return max(1, int(params.get("epochs", 30)))


def run_trial(ctx: TrialContext, epochs: Optional[int] = None) -> dict[str, Any]:
    model, value, ran = fit(ctx, ctx.params, epochs)
    result: dict[str, Any] = {"value": value, "metrics": {"epochs": float(ran)}}
    folder = artifact_folder(ctx)
    if folder is not None:
        result["artifact"] = export(model, ctx.params, folder)
    return result


@trainer("torch-mlp")
def train(ctx: TrialContext) -> dict[str, Any]:
    return run_trial(ctx)
