"""Trace context: a worker's events for a trial carry the host's trace id as MassTransit reads it."""

from __future__ import annotations

from conftest import Host, WorkerProcess
from hyperbus_trainer import tracecontext

HOST_SPAN = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def test_incoming_reads_masstransit_s_header_then_w3c_and_ignores_malformed_ones() -> None:
    assert tracecontext.incoming({"MT-Activity-Id": HOST_SPAN}) == HOST_SPAN
    assert tracecontext.incoming({"traceparent": HOST_SPAN.encode()}) == HOST_SPAN
    assert tracecontext.incoming({"MT-Activity-Id": "|abc.def."}) is None  # the old hierarchical id format
    assert tracecontext.incoming({"traceparent": "00-" + "0" * 32 + "-00f067aa0ba902b7-01"}) is None
    assert tracecontext.incoming(None) is None


def test_a_child_keeps_the_trace_id_and_flags_with_a_new_span_id() -> None:
    child = tracecontext.child(HOST_SPAN)
    version, trace_id, span_id, flags = child.split("-")
    assert (version, trace_id, flags) == ("00", "4bf92f3577b34da6a3ce929d0e0e4736", "01")
    assert len(span_id) == 16 and span_id != "00f067aa0ba902b7"
    assert tracecontext.headers_for(child) == {"MT-Activity-Id": child, "traceparent": child}
    assert tracecontext.headers_for(None) == {}


def test_started_and_completed_of_a_traced_request_carry_its_trace_id(host: Host,
                                                                     worker: WorkerProcess) -> None:
    request = host.request("sklearn-svc", params={"C": 1.0, "gamma": 0.01, "kernel": "rbf"},
                           fixed={"dataset": "iris", "folds": 3}, headers={"MT-Activity-Id": HOST_SPAN})
    outcome = host.wait_for_outcome(request["trialId"])
    started = host.events(request["trialId"], "TrialStarted")
    assert outcome.type == "TrialCompleted", outcome.body
    spans = set()
    for message in (started[0], outcome):
        traceparent = message.properties.headers["MT-Activity-Id"]
        assert traceparent.split("-")[1] == "4bf92f3577b34da6a3ce929d0e0e4736"
        assert message.properties.headers["traceparent"] == traceparent
        spans.add(traceparent)
    assert len(spans) == 1  # one worker span for the attempt, its parent the host's send


def test_an_untraced_request_sends_no_trace_headers(host: Host, worker: WorkerProcess) -> None:
    request = host.request("sklearn-svc", params={"C": 1.0, "gamma": 0.01, "kernel": "rbf"},
                           fixed={"dataset": "iris", "folds": 3})
    outcome = host.wait_for_outcome(request["trialId"])
    assert "MT-Activity-Id" not in outcome.properties.headers
