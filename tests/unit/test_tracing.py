"""Trace context through CloudEvents headers and the outbox, sampling, and the exporter."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import TraceState

from shared.db import Database, outbox_columns, outbox_message, outbox_row
from shared.events import Envelope
from shared.events.federation import ConsultationsRecorded
from shared.tables import service_metadata
from shared.tracing import (
    TRACEPARENT,
    TRACESTATE,
    consumer_span,
    context_of,
    current_trace_headers,
    headers_of,
    is_sampled,
    new_provider,
)
from tests.traces import hex_ids, memory_spans, new_traceparent

EVENT = ConsultationsRecorded(
    contract_id="c-1", federation_ods="F1", accepted=3, periods=["2026-10"]
)


def _remote_span(traceparent: str, tracestate: str | None = None) -> trace.Span:
    return trace.NonRecordingSpan(
        trace.get_current_span(context_of(traceparent, tracestate)).get_span_context()
    )


def test_traceparent_and_tracestate_survive_the_cloudevents_headers() -> None:
    traceparent = new_traceparent()
    sent = Envelope.wrap(
        EVENT, source="/gpfed/federation", traceparent=traceparent, tracestate="gp=1,fed=abc"
    )
    key, value, headers = sent.to_kafka()
    assert dict(headers)[TRACEPARENT] == traceparent.encode()
    assert dict(headers)[TRACESTATE] == b"gp=1,fed=abc"
    back = Envelope.from_kafka(key, value, headers)
    remote = trace.get_current_span(context_of(back.traceparent, back.tracestate))
    context = remote.get_span_context()
    assert format(context.trace_id, "032x") == traceparent.split("-")[1]
    assert format(context.span_id, "016x") == traceparent.split("-")[2]
    assert context.is_remote and context.trace_flags.sampled
    assert context.trace_state == TraceState([("gp", "1"), ("fed", "abc")])


def test_the_headers_a_span_gives_name_it_and_keep_its_tracestate() -> None:
    parent = _remote_span(new_traceparent(), "gp=1")
    carrier = headers_of(parent)
    context = parent.get_span_context()
    assert carrier[TRACEPARENT] == f"00-{context.trace_id:032x}-{context.span_id:016x}-01"
    assert carrier[TRACESTATE] == "gp=1"


def test_a_second_tracestate_header_makes_the_message_malformed() -> None:
    key, value, headers = Envelope.wrap(
        EVENT, source="/gpfed/federation", traceparent=new_traceparent(), tracestate="a=1"
    ).to_kafka()
    with pytest.raises(ValueError, match="tracestate"):
        Envelope.from_kafka(key, value, [*headers, (TRACESTATE, b"b=2")])


async def test_an_event_published_in_a_span_stores_that_spans_context() -> None:
    db = Database("sqlite+aiosqlite://", service_metadata(), service="federation")
    parent = _remote_span(new_traceparent(), "gp=1")
    try:
        with trace.use_span(parent):
            async with db.unit_of_work() as uow:
                envelope = uow.publish(EVENT)
        assert envelope.traceparent == headers_of(parent)[TRACEPARENT]
        assert envelope.tracestate == "gp=1"
        async with db.unit_of_work() as uow:
            assert uow.publish(EVENT).traceparent is None  # outside any span: no context
    finally:
        await db.dispose()


def test_is_sampled_reads_the_flags_of_a_traceparent() -> None:
    assert is_sampled(new_traceparent(sampled=True))
    assert not is_sampled(new_traceparent(sampled=False))
    assert not is_sampled(None)
    assert not is_sampled("")


def test_a_parent_not_sampled_makes_children_not_sampled() -> None:
    spans = memory_spans()
    parent = context_of(new_traceparent(sampled=False))
    with consumer_span("gpfed.federation.v1", "e-1", "t", "gpfed.payments", parent) as span:
        assert not span.is_recording()
        headers = current_trace_headers()
    assert headers[TRACEPARENT].endswith("-00")
    assert spans.get_finished_spans() == ()


def test_a_sampled_parent_makes_a_recorded_child_of_it() -> None:
    spans = memory_spans()
    traceparent = new_traceparent(sampled=True)
    with consumer_span(
        "gpfed.federation.v1", "e-1", "t", "gpfed.payments", context_of(traceparent)
    ):
        assert current_trace_headers()[TRACEPARENT].endswith("-01")
    [span] = spans.get_finished_spans()
    _, trace_id, parent_id, _ = traceparent.split("-")
    assert hex_ids(span)[0] == trace_id and hex_ids(span)[2] == parent_id
    assert span.kind is trace.SpanKind.CONSUMER
    assert span.attributes is not None
    assert span.attributes["messaging.consumer.group.name"] == "gpfed.payments"


def _processors(provider: TracerProvider) -> tuple[object, ...]:
    return tuple(provider._active_span_processor._span_processors)


def test_no_exporter_without_an_otlp_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("OTEL_SERVICE_NAME", raising=False)
    provider = new_provider("payments")
    assert _processors(provider) == ()
    assert provider.resource.attributes["service.name"] == "gpfed-payments"


def test_an_otlp_endpoint_exports_in_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")
    monkeypatch.setenv("OTEL_SERVICE_NAME", "payments-eu")
    provider = new_provider("payments")
    try:
        [processor] = _processors(provider)
        assert isinstance(processor, BatchSpanProcessor)
        assert provider.resource.attributes["service.name"] == "payments-eu"
    finally:
        provider.shutdown()


def test_the_sampler_is_the_one_the_environment_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
    monkeypatch.setenv("OTEL_TRACES_SAMPLER_ARG", "0.25")
    description = new_provider("payments").sampler.get_description()
    assert description.startswith("ParentBased{root:TraceIdRatioBased{0.25}")


def test_the_outbox_row_keeps_the_tracestate_and_the_relay_sends_it_on() -> None:
    """An event published under a span with vendor state is stored with it and, when the relay
    makes no span of its own (not sampled), sent on with the stored context unchanged."""
    parent = new_traceparent()[:-2] + "00"  # not sampled
    envelope = Envelope.wrap(
        EVENT, source="/gpfed/federation", traceparent=parent, tracestate="gp=1,fed=abc"
    )
    row = outbox_row(envelope, topic="gpfed.federation.v1", created_at=datetime.now(UTC))
    assert row["tracestate"] == "gp=1,fed=abc"
    # The row as the relay reads it: outbox_columns' order, the event's attributes and data
    # as the UTF-8 bytes the database encodes, the id, topic and trace context as they are.
    columns = [c.name for c in outbox_columns(service_metadata().tables["outbox"])]
    stored = {
        **row,
        "id": 1,
        "ce_id": row["event_id"],
        "ce_time": "2026-12-01T09:30:00Z",
        "payload_json": json.dumps(row["payload"]),
    }
    as_stored = {"id", "topic", "traceparent", "tracestate"}
    read = [stored[n] if n in as_stored else stored[n].encode() for n in columns]
    _, _, _, headers = outbox_message(read)
    sent = {k: v.decode() for k, v in headers}
    assert (sent["traceparent"], sent["tracestate"]) == (parent, "gp=1,fed=abc")
