"""The settled semantics of contracts/schema/README.md as the Python SDK keeps them; no broker needed."""

from __future__ import annotations

import json
import uuid
from typing import Any, Optional

import pytest

from hyperbus_trainer import TrialContext
from hyperbus_trainer.conformance import conformance
from hyperbus_trainer.decisions import PendingDecisions
from hyperbus_trainer.errors import MalformedMessageError
from hyperbus_trainer.messages import Decision, parse_trial_decision, parse_trial_requested
from hyperbus_trainer.registry import registered_trainers
from hyperbus_trainer.trial import execute


def body(**fields: Any) -> bytes:
    document = {"studyId": str(uuid.uuid4()), "trialId": str(uuid.uuid4()), "number": 0, "attempt": 1,
                "trainer": "conformance", "params": {}, **fields}
    return json.dumps({k: v for k, v in document.items() if v is not ...}).encode()


def run(request_fields: dict[str, Any], answer: Optional[str] = None) -> tuple[dict[str, Any], list[int]]:
    """Runs the conformance trainer; ``answer`` is the decision at step 2 (Continue before it)."""
    steps: list[int] = []
    request = parse_trial_requested(body(**request_fields))

    def reporter(step: int, value: float, checkpoint: Optional[str]) -> Optional[Decision]:
        steps.append(step)
        action = answer if answer and step >= 2 else "continue"
        return Decision(request.trial_id, request.attempt, step, action)

    event = execute(conformance, TrialContext(request, reporter), "w1")
    return {"type": event.message_type, **event.body}, steps


def test_only_the_six_fields_a_worker_needs_are_required_and_missing_optional_ones_default() -> None:
    request = parse_trial_requested(body())
    assert (request.fixed, request.metric, request.budget, request.checkpoint, request.deadline) == ({}, None, None, None, None)


@pytest.mark.parametrize("fields, reason", [
    ({"fixed": []}, "'fixed'"),
    ({"deadline": "next tuesday"}, "'deadline' is not an ISO-8601"),
    ({"deadline": 5}, "'deadline'"),
    ({"timeoutSeconds": 0}, "'timeoutSeconds'"),
    ({"budget": {"name": "epochs"}}, "'amount'"),
])
def test_an_optional_field_of_the_wrong_type_makes_the_request_malformed(fields: dict[str, Any], reason: str) -> None:
    with pytest.raises(MalformedMessageError, match=reason):
        parse_trial_requested(body(**fields))


def test_upper_case_guids_z_and_seven_fractional_digits_and_unknown_fields_are_accepted() -> None:
    trial = str(uuid.uuid4())
    request = parse_trial_requested(body(trialId=trial.upper(), deadline="2030-01-01T00:00:00.1234567Z",
                                         priority=7, future={"a": [1]}))
    assert request.trial_id == trial
    decision = parse_trial_decision(json.dumps({"trialId": trial.upper(), "attempt": 1, "step": 3,
                                                "action": "Stop", "reason": "median"}).encode())
    assert (decision.trial_id, decision.action) == (trial, "stop")


def test_the_conformance_kind_is_registered() -> None:
    assert registered_trainers()["conformance"] is conformance


def test_conformance_reports_steps_and_ends_pruned_with_the_last_value_after_stop() -> None:
    outcome, steps = run({"params": {"reportSteps": 5}}, answer="stop")
    assert steps == [1, 2]
    assert (outcome["type"], outcome["pruned"], outcome["value"]) == ("TrialCompleted", True, 0.2)


def test_conformance_budget_sets_the_steps_and_value_and_the_checkpoint_comes_back() -> None:
    outcome, steps = run({"budget": {"name": "epochs", "amount": 3}, "checkpoint": "c/state"})
    assert steps == [1, 2, 3]
    assert (outcome["value"], outcome["checkpoint"], outcome["metrics"]) == (3, "c/state", {"resumed": 1.0})


@pytest.mark.parametrize("fail, attempt, expected", [("retryable", 1, True), ("fatal", 1, False)])
def test_conformance_fails_as_asked_until_the_given_attempt(fail: str, attempt: int, expected: bool) -> None:
    outcome, _ = run({"params": {"fail": fail, "failUntilAttempt": 1}, "attempt": attempt})
    assert (outcome["type"], outcome["retryable"]) == ("TrialFailed", expected)
    retried, _ = run({"params": {"fail": fail, "failUntilAttempt": 1, "value": 0.7}, "attempt": 2})
    assert (retried["type"], retried["value"]) == ("TrialCompleted", 0.7)


def test_conformance_returns_several_values_and_metrics() -> None:
    outcome, _ = run({"params": {"values": [0.3, 12.5], "metrics": {"fold0": 0.29}}})
    assert (outcome["value"], outcome["values"], outcome["metrics"]) == (0.3, [0.3, 12.5], {"fold0": 0.29})


def test_a_report_nobody_answers_in_time_continues() -> None:
    pending = PendingDecisions()
    key = ("t", 1, 1)
    assert pending.wait(key, pending.register(key), 0.01) is None  # the decision timeout ran out
    request = parse_trial_requested(body())
    context = TrialContext(request, lambda step, value, checkpoint: None)
    assert context.report(1, 0.5) == "continue"
    assert not context.stopped
