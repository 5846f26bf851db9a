"""Event schemas, the registry, the CloudEvents Kafka binding and the AsyncAPI document."""

from __future__ import annotations

from datetime import date

import pytest

from shared.events import Envelope, MalformedEnvelope, registered, schema_for
from shared.events.asyncapi import asyncapi_document
from shared.events.base import Event
from shared.events.federation import MemberJoined
from shared.observability import new_traceparent


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
