"""Message parsing, outcome mapping and URL masking; no broker needed."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

import pytest

from hyperbus_trainer import TrialContext, TrialFailedError
from hyperbus_trainer.errors import MalformedMessageError
from hyperbus_trainer.messages import Decision, parse_trial_decision, parse_trial_requested
from hyperbus_trainer.trial import execute
from hyperbus_trainer.urls import SecretFilter, mask_url

STUDY, TRIAL = str(uuid.uuid4()), str(uuid.uuid4())


def request_body(**fields: Any) -> bytes:
    body = {"studyId": STUDY, "trialId": TRIAL, "number": 4, "attempt": 2, "trainer": "k",
            "metric": "accuracy", "params": {"C": 1.5}, "fixed": {"dataset": "iris", "C": 9},
            "budget": {"name": "epochs", "amount": 3}, "checkpoint": None,
            "deadline": "2030-01-01T00:00:00+00:00", **fields}
    return json.dumps({k: v for k, v in body.items() if v is not ...}).encode()


def test_a_trial_request_is_parsed_and_sampled_params_override_fixed_ones() -> None:
    context = TrialContext(parse_trial_requested(request_body()), lambda *_: None)
    assert context.params == {"dataset": "iris", "C": 1.5}
    assert context.budget == {"name": "epochs", "amount": 3.0}
    assert (context.trial_id, context.attempt, context.number) == (TRIAL, 2, 4)


@pytest.mark.parametrize("body, reason", [
    (b"\xff", "not valid JSON"),
    (b"[1]", "not a JSON object"),
    (request_body(trialId=...), "'trialId' is missing"),
    (request_body(trialId="x"), "not a Guid"),
    (request_body(attempt="1"), "'attempt' has the wrong type"),
    (request_body(params=None), "'params' is missing"),
])
def test_malformed_requests_are_refused_with_a_reason(body: bytes, reason: str) -> None:
    with pytest.raises(MalformedMessageError, match=reason):
        parse_trial_requested(body)


@pytest.mark.parametrize("action, expected", [("Stop", "stop"), ("continue", "continue"),
                                              ("EXPLOIT", "exploit"),
                                              (1, "stop")])
def test_decision_actions_are_read_in_any_case(action: Any, expected: str) -> None:
    body = json.dumps({"studyId": STUDY, "trialId": TRIAL, "attempt": 1, "step": 5, "action": action,
                       "params": None, "checkpoint": None}).encode()
    assert parse_trial_decision(body).action == expected


def test_a_masstransit_envelope_is_unwrapped() -> None:
    envelope = {"messageId": str(uuid.uuid4()),
                "messageType": ["urn:message:HyperBus.Contracts:TrialRequested"],
                "message": json.loads(request_body())}
    assert parse_trial_requested(json.dumps(envelope).encode()).trial_id == TRIAL


def outcome(result: Any, decision: Any = None) -> dict[str, Any]:
    def train(ctx: TrialContext) -> Any:
        ctx.report(1, 0.25)
        return result() if callable(result) else result

    reporter = (lambda *_: Decision(TRIAL, 2, 1, decision)) if decision else (lambda *_: None)
    event = execute(train, TrialContext(parse_trial_requested(request_body()), reporter), "w1")
    return {"type": event.message_type, **event.body}


def test_outcomes_of_a_trainer() -> None:
    assert outcome(0.9)["value"] == 0.9
    assert outcome({"value": 0.8, "metrics": {"f1": 0.7, "bad": float("nan")}})["metrics"] == {"f1": 0.7}
    assert outcome(None, decision="stop") | {"durationSeconds": 0} == outcome(0.25, decision="stop") | {
        "durationSeconds": 0}
    assert outcome(None, decision="stop")["pruned"] is True
    assert outcome(float("inf"))["error"] == "objective is inf"
    assert outcome(None)["retryable"] is False

    def fail() -> None:
        raise TrialFailedError("nope")
    assert (outcome(fail)["type"], outcome(fail)["retryable"]) == ("TrialFailed", False)


def test_a_raising_trainer_logs_one_line_and_the_traceback_only_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    def crash() -> None:
        raise ValueError("could not convert 'abc'")

    with caplog.at_level(logging.INFO, logger="hyperbus_trainer.trial"):
        failed = outcome(crash)
    assert (failed["type"], failed["retryable"]) == ("TrialFailed", True)
    [line] = caplog.records
    assert line.exc_info is None
    assert "raised ValueError: could not convert 'abc' (test_messages.py:" in line.getMessage()
    assert "in crash)" in line.getMessage()
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="hyperbus_trainer.trial"):
        outcome(crash)
    assert [r.levelno for r in caplog.records] == [logging.WARNING, logging.DEBUG]
    assert caplog.records[1].exc_info is not None


def test_urls_and_log_records_hide_the_password(caplog: pytest.LogCaptureFixture) -> None:
    assert mask_url("amqp://u:p%40ss@host:5672/%2F") == "amqp://u:***@host:5672/%2F"
    assert mask_url("amqp://host/") == "amqp://host/"
    record = logging.LogRecord("x", logging.INFO, "", 0, "connecting with %s", ("p@ss",), None)
    SecretFilter("p@ss").filter(record)
    assert record.getMessage() == "connecting with ***"
