"""What went wrong with a connection, in the worker's words: refusals that end it, errors it retries."""

from __future__ import annotations

from pika.adapters.utils import connection_workflow
from pika.exceptions import (AMQPConnectionError, AuthenticationError, ConnectionClosedByBroker,
                             ProbableAccessDeniedError, ProbableAuthenticationError)

from .urls import mask_url


def last_attempt_error(error: BaseException) -> BaseException:
    """The error of the connection workflow's last attempt (what a blocking connection would raise)."""
    if isinstance(error, connection_workflow.AMQPConnectionWorkflowFailed) and error.exceptions:
        error = error.exceptions[-1]
        if isinstance(error, connection_workflow.AMQPConnectorSocketConnectError):
            return AMQPConnectionError(error)
        if isinstance(error, connection_workflow.AMQPConnectorPhaseErrorBase):
            return error.exception
    return error


def is_refusal(error: BaseException) -> bool:
    """Wrong credentials (403 ACCESS_REFUSED) or an unknown vhost (530 NOT_ALLOWED): true on every retry."""
    if isinstance(error, (AuthenticationError, ProbableAuthenticationError, ProbableAccessDeniedError)):
        return True
    return isinstance(error, ConnectionClosedByBroker) and error.reply_code in (403, 530)


def refusal(url: str, error: BaseException) -> str:
    detail = str(error) or type(error).__name__
    return (f"the broker at {mask_url(url)} refused the connection ({detail}); "
            "check the user, password and virtual host in the URL")
