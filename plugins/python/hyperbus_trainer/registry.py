"""Trainer registration: ``@trainer("kind")`` maps a trainer kind to the function that trains it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict

if TYPE_CHECKING:
    from .context import TrialContext

TrainerFunction = Callable[["TrialContext"], Any]

_trainers: Dict[str, TrainerFunction] = {}


def trainer(kind: str) -> Callable[[TrainerFunction], TrainerFunction]:
    """Registers the decorated function as the trainer of ``kind`` (the queue ``hyperbus-trainer-<kind>``)."""
    if not kind or any(c.isspace() for c in kind):
        raise ValueError(f"invalid trainer kind {kind!r}")

    def register(function: TrainerFunction) -> TrainerFunction:
        existing = _trainers.get(kind)
        if existing is not None and existing is not function:
            raise ValueError(f"trainer kind {kind!r} is already registered by {existing.__module__}")
        _trainers[kind] = function
        return function

    return register


def registered_trainers() -> Dict[str, TrainerFunction]:
    """A copy of every trainer registered so far, by kind."""
    return dict(_trainers)
