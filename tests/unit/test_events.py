"""Event schemas, the registry, the CloudEvents Kafka binding and the AsyncAPI document."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from cloudevents.core.bindings import kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from hypothesis import given
from hypothesis import strategies as st

from shared.events import Envelope, MalformedEnvelope, registered, schema_for
from shared.events.asyncapi import asyncapi_document
from shared.events.base import Event
from shared.events.federation import MemberJoined
from tests.traces import new_traceparent


def test_every_core_event_type_is_registered() -> None:
    core = {
        "gpfed.organisation.registered",
        "gpfed.contract.proposed",
        "gpfed.contract.activated",
        "gpfed.contract.varied",
        "gpfed.contract.terminated",
        "gpfed.federation.member_joined",
        "gpfed.federation.member_left",
        "gpfed.subcontract.issued",
        "gpfed.activity.period_closed",
        "gpfed.payment.posted",
        "gpfed.distribution.completed",
        "gpfed.decision.item_opened",
        "gpfed.decision.recorded",
    }
    assert core <= set(registered())
    assert schema_for("gpfed.federation.member_joined") is MemberJoined


def test_envelope_round_trips_through_kafka_binary_mode() -> None:
    event = MemberJoined(federation_ods="Y02765", practice_ods="B86001", date=date(2026, 4, 1))
    traceparent = new_traceparent()
    envelope = Envelope.wrap(event, source="/gpfed/federation", traceparent=traceparent)
    key, value, headers = envelope.to_kafka()
    names = dict(headers)
    assert key == b"Y02765"
    assert names["ce_type"] == b"gpfed.federation.member_joined"
    assert names["ce_subject"] == b"Y02765"
    assert names["ce_specversion"] == b"1.0"
    assert names["traceparent"] == traceparent.encode()
    back = Envelope.from_kafka(key, value, headers)
    assert back.id == envelope.id
    assert back.traceparent == traceparent
    assert MemberJoined.model_validate(back.data) == event


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)


@given(
    id=_text,
    source=_text,
    type_=_text,
    subject=_text,
    time=st.datetimes(timezones=st.just(UTC)),
    data=st.dictionaries(_text, _json, max_size=4),
    traceparent=st.none() | st.just(new_traceparent()),
)
def test_kafka_encoding_is_byte_for_byte_the_sdks(
    id: str,
    source: str,
    type_: str,
    subject: str,
    time: datetime,
    data: dict[str, Any],
    traceparent: str | None,
) -> None:
    """``to_kafka`` builds the binary-mode message itself (the SDK's validation was the relay's
    largest cost); the SDK's own ``to_binary`` is the definition it must match."""
    envelope = Envelope(id, source, type_, subject, time, data, traceparent=traceparent)
    key, value, headers = envelope.to_kafka()
    attributes = {
        "id": id,
        "source": source,
        "type": type_,
        "specversion": "1.0",
        "time": time,
        "subject": subject,
        "datacontenttype": "application/json",
    }
    expected = kafka.to_binary(CloudEvent(attributes, data), JSONFormat())
    assert key == subject.encode()
    assert value == expected.value
    ce_headers = [(k, v) for k, v in headers if k != "traceparent"]
    assert dict(ce_headers) == expected.headers
    assert len(ce_headers) == len(expected.headers)
    assert dict(headers).get("traceparent") == (traceparent.encode() if traceparent else None)
    back = Envelope.from_kafka(key, value, headers)
    assert (back.id, back.source, back.type, back.subject, back.time, back.data) == (
        id,
        source,
        type_,
        subject,
        time,
        data,
    )


def test_message_without_cloudevents_headers_is_malformed() -> None:
    with pytest.raises(MalformedEnvelope):
        Envelope.from_kafka(b"k", b"{}", [])


def test_newer_producer_fields_are_ignored_by_older_schema() -> None:
    data = {"federation_ods": "Y02765", "practice_ods": "B86001", "date": "2026-04-01", "new": 1}
    assert MemberJoined.model_validate(data).practice_ods == "B86001"


def test_schema_must_name_a_known_producer_and_subject_field() -> None:
    with pytest.raises(ValueError, match="producer"):

        class Stray(Event):
            ce_type = "gpfed.stray.made"
            producer = "nobody"
            subject_field = "x"
            x: str

    with pytest.raises(ValueError, match="subject_field"):

        class NoSubject(Event):
            ce_type = "gpfed.stray.other"
            producer = "contracts"
            subject_field = "missing"
            x: str


def test_asyncapi_document_lists_channels_messages_and_operations() -> None:
    document = asyncapi_document(consumes={"payments": ["gpfed.contract.activated"]})
    assert document["asyncapi"] == "3.0.0"
    assert {c["address"] for c in document["channels"].values()} == {
        "gpfed.contracts.v1",
        "gpfed.payments.v1",
        "gpfed.federation.v1",
        "gpfed.conflicts.v1",
    }
    receive = document["operations"]["payments_receives_contract_activated"]
    assert receive["action"] == "receive"
    assert receive["channel"] == {"$ref": "#/channels/contracts"}
    message = document["components"]["messages"]["activity_period_closed"]
    assert message["payload"] == {"$ref": "#/components/schemas/ActivityPeriodClosed"}
    assert "PracticeActivity" in document["components"]["schemas"]


def test_every_asyncapi_message_is_known_by_its_headers() -> None:
    """A tool reading a record's headers finds its message: ``ce_type`` pinned to the message's
    own type, one message per type, and ``ce_source`` to its producer's."""
    document = asyncapi_document()
    messages = document["components"]["messages"].values()
    pinned = [m["headers"]["properties"]["ce_type"]["const"] for m in messages]
    assert pinned == [m["name"] for m in messages]
    assert sorted(pinned) == sorted(set(pinned)) == sorted(registered())
    for message in messages:
        cls = registered()[message["name"]]
        headers = message["headers"]
        assert (
            headers["properties"]["ce_source"]["const"] == cls.source() == "/gpfed/" + cls.producer
        )
        assert headers["properties"]["ce_specversion"]["const"] == "1.0"
        assert {"ce_type", "ce_source", "ce_specversion"} <= set(headers["required"])


def test_committed_asyncapi_document_is_current() -> None:
    """docs/asyncapi.json is what `make asyncapi` writes now: regenerate it with the schemas.

    Generated in a fresh process, since tests register probe events of their own."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    committed = json.loads((Path(__file__).parents[2] / "docs" / "asyncapi.json").read_text())
    fresh = subprocess.run(
        [sys.executable, "-m", "gpfed.cli", "asyncapi"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert committed == json.loads(fresh.stdout), "run `make asyncapi`"
