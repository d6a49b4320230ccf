"""Checkpoint folders: one per trial under a root shared by the workers that must resume each other."""

from __future__ import annotations

import os
import tempfile
from typing import Optional

ENVIRONMENT_VARIABLE = "HYPERBUS_CHECKPOINTS"


def default_root() -> str:
    """``$HYPERBUS_CHECKPOINTS``, else ``hyperbus-checkpoints`` in the temp directory (as the C# SDK)."""
    return os.environ.get(ENVIRONMENT_VARIABLE) or os.path.join(tempfile.gettempdir(), "hyperbus-checkpoints")


def trial_folder(root: Optional[str], study_id: str, trial_id: str) -> str:
    """``root/<study id>/<trial id>`` (ids without dashes, as the C# SDK names them), created if missing."""
    folder = os.path.join(os.path.abspath(root or default_root()), study_id.replace("-", ""), trial_id.replace("-", ""))
    os.makedirs(folder, exist_ok=True)
    return folder


def refuse(root: Optional[str], checkpoint: str) -> Optional[str]:
    """Why a checkpoint named by a message may not be read, or None when it lies inside the root.

    A message must never make a worker read files outside its configured folder: ``..``, an absolute
    path elsewhere and a link out of the root are all refused.
    """
    if "\x00" in checkpoint:
        # The OS cannot name such a file; os.path would raise ValueError on the trial's thread.
        return "checkpoint: must not contain a NUL character"
    if ".." in checkpoint.replace("\\", "/").split("/"):
        return f"checkpoint: '{checkpoint}' must not contain '..'"
    base = os.path.realpath(root or default_root())
    path = os.path.realpath(os.path.join(base, checkpoint))
    if not path.startswith(base + os.sep):
        return f"checkpoint: '{checkpoint}' is outside the checkpoint folder '{base}'"
    return None
