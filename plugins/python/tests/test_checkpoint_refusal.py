"""Checkpoint names from a message: only folders inside the worker's root may be read, and a bad name is a refusal, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyperbus_trainer import checkpoints


@pytest.mark.parametrize("name,reason", [
    ("../elsewhere", "must not contain '..'"),
    ("/etc", "outside the checkpoint folder"),
    ("study/trial\x00", "must not contain a NUL character"),
])
def test_a_checkpoint_outside_the_root_or_unnameable_is_refused_with_a_reason(tmp_path: Path, name: str, reason: str) -> None:
    refused = checkpoints.refuse(str(tmp_path), name)
    assert refused is not None and reason in refused, refused


def test_a_checkpoint_inside_the_root_is_allowed(tmp_path: Path) -> None:
    assert checkpoints.refuse(str(tmp_path), "study/trial") is None
