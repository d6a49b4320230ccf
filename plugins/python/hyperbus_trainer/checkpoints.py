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
