"""What can go wrong submitting or loading a study, as exceptions a notebook user can catch."""

from __future__ import annotations


class HyperBusError(Exception):
    """Base of the study client's errors."""


class SpecError(HyperBusError, ValueError):
    """The spec is not usable; ``errors`` lists each problem as ``field: message``."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("invalid study spec:\n  " + "\n  ".join(errors))
        self.errors = errors


class HostUnavailableError(HyperBusError):
    """No HyperBus host serves the broker (its queue ``hyperbus-host`` does not exist)."""


class StudyNotFoundError(HyperBusError, KeyError):
    """The store has no study of that name or id."""

    def __str__(self) -> str:  # KeyError would print the repr of the message
        return str(self.args[0])
