"""One trace across the services, over a real broker and PostgreSQL: a federation's month end
(its consultations, the close) and the payment run that distributes the hub's income, all
under one client span, make one trace whose every consumer span is the child of the producer
span of the message it consumed. And the access log's line per request."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind

from services.federation.app import create_app as create_federation
from services.federation.settings import Settings as FederationSettings
from services.payments.app import create_app as create_payments
from services.payments.settings import Settings as PaymentsSettings
from shared.auth import mint_token
from shared.broker import Broker
from shared.bus import new_producer
from shared.events import Envelope
from shared.events.federation import ActivityPeriodClosed
from shared.events.payments import DistributionCompleted
from shared.tracing import headers_of
from tests.conftest import eventually, running
from tests.integration.federation.conftest import (
    CCG,
    FED,
    FED_TOKEN,
    HUB,
    REGISTER,
    consultation,
    hub_activated,
)
from tests.traces import hex_ids, memory_spans

pytestmark = pytest.mark.integration

PERIOD = "2026-05"
COMMISSIONER = {
    "authorization": "Bearer " + mint_token(PaymentsSettings(), role="commissioner", org=CCG)
}


def _attribute(span: ReadableSpan, name: str) -> Any:
    return (span.attributes or {}).get(name)


def _one(spans: list[ReadableSpan], **attributes: Any) -> ReadableSpan:
    [span] = [s for s in spans if all(_attribute(s, k) == v for k, v in attributes.items())]
    return span


async def _contracts_publish(broker: Broker) -> None:
    """What contracts would have published: the register and the hub, in force."""
    producer = new_producer(broker.bootstrap_servers)
    await producer.start()
    try:
        for event in (*REGISTER, hub_activated()):
            key, value, headers = Envelope.wrap(event, source="/gpfed/contracts").to_kafka()
            await producer.send_and_wait("gpfed.contracts.v1", value, key=key, headers=headers)
    finally:
        await producer.stop()


async def test_a_month_end_is_one_trace_from_the_batch_to_the_distribution(
    clean: dict[str, str], broker: Broker
) -> None:
    spans = memory_spans()
    federation = create_federation(
        FederationSettings(
            database_url=clean["federation"], kafka_bootstrap_servers=broker.bootstrap_servers
        )
    )
    payments = create_payments(
        PaymentsSettings(
            database_url=clean["payments"], kafka_bootstrap_servers=broker.bootstrap_servers
        )
    )
    async with running(federation) as fed, running(payments) as pay:
        await eventually(lambda: federation.state.bus.connected.is_set())
        await eventually(lambda: payments.state.bus.connected.is_set())
        await _contracts_publish(broker)

        async def both_know_the_hub() -> bool:
            hubs = (await fed.get(f"/federations/{FED}", headers=FED_TOKEN)).json().get("hubs")
            runs = await pay.get("/payment-runs", headers=COMMISSIONER)
            return bool(hubs) and runs.status_code == 200

        await eventually(both_know_the_hub)
        r = await fed.post(
            f"/federations/{FED}/members",
            json={"practice_ods": "B86001", "joined_on": "2026-04-01"},
            headers=FED_TOKEN,
        )
        assert r.status_code == 201, r.text
        r = await fed.post(
            f"/federations/{FED}/subcontracts",
            json={
                "contract_id": HUB,
                "practice_ods": "B86001",
                "roles": ["delivery", "admin", "premises"],
                "start_date": "2026-04-01",
            },
            headers=FED_TOKEN,
        )
        assert r.status_code == 201, r.text

        # The client's span: not current here, where the apps run in this very task, or their
        # request spans would be its children in process, not servers of the remote context.
        root = trace.get_tracer("test").start_span("month end")
        context = headers_of(root)
        batch = [consultation(f"m-{i}", occurred_at="2026-05-04T10:30:00+01:00") for i in (1, 2)]
        r = await fed.post(
            "/consultations/batch",
            json={"consultations": batch},
            headers={**FED_TOKEN, **context},
        )
        assert r.status_code == 200 and r.json()["accepted"] == 2, r.text
        close = f"/federations/{FED}/contracts/{HUB}/periods/{PERIOD}/close"
        r = await fed.post(close, headers={**FED_TOKEN, **context})
        assert r.status_code == 200, r.text

        async def distributed() -> bool:
            await pay.post(
                "/payment-runs", json={"period": PERIOD}, headers={**COMMISSIONER, **context}
            )
            found = await pay.get(
                "/distributions",
                params={"contract_id": HUB, "period": PERIOD},
                headers=COMMISSIONER,
            )
            return found.status_code == 200 and found.json()["status"] == "completed"

        await eventually(distributed)

        root.end()

        def federation_consumed_the_distribution() -> list[ReadableSpan]:
            return [
                s
                for s in spans.get_finished_spans()
                if _attribute(s, "cloudevents.event_type") == DistributionCompleted.ce_type
                and _attribute(s, "messaging.consumer.group.name") == "gpfed.federation"
            ]

        await eventually(federation_consumed_the_distribution)

    trace_id = hex_ids(root)[0]  # type: ignore[arg-type]  # an SDK span
    finished = [s for s in spans.get_finished_spans() if hex_ids(s)[0] == trace_id]
    by_id = {hex_ids(s)[1]: s for s in finished}
    root = by_id[hex_ids(root)[1]]  # type: ignore[arg-type]  # as exported

    def parent_of(span: ReadableSpan) -> ReadableSpan:
        parent = hex_ids(span)[2]
        assert parent in by_id, f"{span.name}'s parent is not in the trace"
        return by_id[parent]

    # The requests are children of the client's span; their statements, of the requests.
    servers = [s for s in finished if s.kind is SpanKind.SERVER]
    [batch_span] = [s for s in servers if s.name == "POST /consultations/batch"]
    [close_span] = [s for s in servers if s.name.endswith("/close")]
    assert parent_of(batch_span) is root and parent_of(close_span) is root
    assert any(
        s.kind is SpanKind.CLIENT and parent_of(s) is batch_span and _attribute(s, "db.system")
        for s in finished
    )
    # Every consumer's span is the child of the producer's span of the message it consumed,
    # and every producer's span the child of what published the event.
    consumers = [s for s in finished if s.kind is SpanKind.CONSUMER]
    for consumer in consumers:
        producer = parent_of(consumer)
        assert producer.kind is SpanKind.PRODUCER
        message = _attribute(consumer, "messaging.message.id")
        assert _attribute(producer, "messaging.message.id") == message
    # The close: published in its request, consumed by payments.
    closed = _one(
        consumers,
        **{
            "cloudevents.event_type": ActivityPeriodClosed.ce_type,
            "messaging.consumer.group.name": "gpfed.payments",
        },
    )
    assert parent_of(parent_of(closed)) is close_span
    # The distribution: published by payments, consumed by the federation, in the same trace.
    [distribution] = federation_consumed_the_distribution()
    assert hex_ids(distribution)[0] == trace_id
    runs = [s for s in servers if s.name == "POST /payment-runs"]
    assert runs and all(parent_of(s) is root for s in runs)
    assert parent_of(parent_of(distribution)) in [*runs, closed]


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.msg, dict):
            self.events.append(dict(record.msg))


async def test_each_request_leaves_one_access_log_line(clean: dict[str, str]) -> None:
    memory_spans()
    app = create_federation(FederationSettings(database_url=clean["federation"], bus_enabled=False))
    lines = _Lines()
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    async with running(app) as client:
        logging.getLogger().addHandler(lines)
        try:
            r = await client.get(
                f"/federations/{FED}/members",
                headers={
                    **FED_TOKEN,
                    "x-request-id": "req-42",
                    "traceparent": f"00-{trace_id}-00f067aa0ba902b7-01",
                },
            )
        finally:
            logging.getLogger().removeHandler(lines)
    [line] = [e for e in lines.events if e.get("event") == "request"]
    assert line["method"] == "GET"
    assert line["route"] == "/federations/{ods}/members"
    assert line["status"] == r.status_code
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["request_id"] == "req-42"
    assert line["trace_id"] == trace_id
    assert line["level"] == "info"
