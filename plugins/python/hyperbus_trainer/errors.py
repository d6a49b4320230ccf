"""Exceptions a trainer raises to tell the SDK how its trial ended."""


class TrialFailedError(Exception):
    """The trial cannot succeed with these parameters: another attempt would fail the same way.

    Raise it from a trainer to publish ``TrialFailed`` with ``retryable: false``; any other
    exception is published as retryable.
    """


class MalformedMessageError(ValueError):
    """A message body is not valid JSON or lacks a required field."""


class BrokerRefusedError(Exception):
    """The broker refused the worker's credentials or virtual host: retrying cannot help."""
