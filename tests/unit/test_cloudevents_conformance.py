"""The CloudEvents Kafka protocol binding (cloudevents/spec, cloudevents/bindings/
kafka-protocol-binding.md, version 1.0.3-wip) as we read it: both content modes, the required
attributes taken from the message itself, the spec's own examples as test vectors, and on top of
the binding what a gpfed consumer needs (a time, JSON object data, readable headers)."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from cloudevents.core.bindings import kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.events import Envelope, MalformedEnvelope
from shared.events.binding import ContentMode, binding_headers, content_mode, read_cloudevent
from shared.events.federation import MemberJoined
from tests.traces import new_traceparent

Headers = list[tuple[str, bytes | None]]

# Section 3.2.5, the binary content mode example: attributes as ce_ headers, Avro data as-is.
SPEC_BINARY_KEY = b"mykey"
SPEC_BINARY_HEADERS: Headers = [
    ("ce_specversion", b"1.0"),
    ("ce_type", b"com.example.someevent"),
    ("ce_source", b"/mycontext/subcontext"),
    ("ce_id", b"1234-1234-1234"),
    ("ce_time", b"2018-04-05T03:56:24Z"),
    ("content-type", b"application/avro"),
]
# "... application data encoded in Avro ...": a record of a long (zig-zag varint) and a string.
# Not UTF-8, so the SDK hands the bytes over as they are (UTF-8 ones it would give as text).
SPEC_BINARY_VALUE = b"\xac\x02\x0ehello avro"

# Section 3.3.4, the structured content mode example: the whole event in the JSON format, the
# data XML (JSON format 3.1: data that is not JSON is carried as a string).
SPEC_STRUCTURED_HEADERS: Headers = [
    ("content-type", b"application/cloudevents+json; charset=UTF-8")
]
SPEC_STRUCTURED_VALUE = json.dumps(
    {
        "specversion": "1.0",
        "type": "com.example.someevent",
        "source": "/mycontext/subcontext",
        "id": "1234-1234-1234",
        "time": "2018-04-05T03:56:24Z",
        "datacontenttype": "application/xml",
        "data": '<much wow="xml"/>',
    }
).encode()
SPEC_TIME = datetime(2018, 4, 5, 3, 56, 24, tzinfo=UTC)


def test_the_specs_binary_example_reads_with_its_attributes_and_data_as_sent() -> None:
    event = read_cloudevent(SPEC_BINARY_VALUE, SPEC_BINARY_HEADERS)
    assert (event.get_specversion(), event.get_type(), event.get_source(), event.get_id()) == (
        "1.0",
        "com.example.someevent",
        "/mycontext/subcontext",
        "1234-1234-1234",
    )
    assert event.get_time() == SPEC_TIME
    assert event.get_datacontenttype() == "application/avro"
    assert event.get_data() == SPEC_BINARY_VALUE


def test_the_specs_structured_example_reads_with_its_attributes_and_data() -> None:
    assert content_mode(binding_headers(SPEC_STRUCTURED_HEADERS)) is ContentMode.STRUCTURED
    event = read_cloudevent(SPEC_STRUCTURED_VALUE, SPEC_STRUCTURED_HEADERS)
    assert (event.get_type(), event.get_source(), event.get_id()) == (
        "com.example.someevent",
        "/mycontext/subcontext",
        "1234-1234-1234",
    )
    assert event.get_time() == SPEC_TIME
    assert event.get_datacontenttype() == "application/xml"
    assert event.get_data() == '<much wow="xml"/>'


@pytest.mark.parametrize(
    ("key", "value", "headers", "why"),
    [
        (SPEC_BINARY_KEY, SPEC_BINARY_VALUE, SPEC_BINARY_HEADERS, "not JSON"),
        (SPEC_BINARY_KEY, SPEC_STRUCTURED_VALUE, SPEC_STRUCTURED_HEADERS, "not JSON"),
    ],
    ids=["binary-avro", "structured-xml"],
)
def test_the_specs_examples_are_valid_cloudevents_but_not_gpfed_events(
    key: bytes, value: bytes, headers: Headers, why: str
) -> None:
    with pytest.raises(MalformedEnvelope, match=why):
        Envelope.from_kafka(key, value, headers)


def _ours() -> Envelope:
    event = MemberJoined(federation_ods="Y02765", practice_ods="B86001", date="2026-04-01")
    return Envelope.wrap(event, source="/gpfed/federation", traceparent=new_traceparent())


def _structured(envelope: Envelope, **changes: Any) -> tuple[bytes, bytes, Headers]:
    """``envelope`` in structured mode, as the SDK writes it, plus ``changes`` to the JSON."""
    attributes = {
        "id": envelope.id,
        "source": envelope.source,
        "type": envelope.type,
        "subject": envelope.subject,
        "time": envelope.time,
        "datacontenttype": "application/json",
    }
    message = kafka.to_structured(CloudEvent(attributes, envelope.data), JSONFormat())
    body = json.loads(message.value)
    for name, value in changes.items():
        if value is None:
            body.pop(name, None)
        else:
            body[name] = value
    headers: Headers = [(k, v) for k, v in message.headers.items()]
    headers.append(("traceparent", (envelope.traceparent or "").encode()))
    return envelope.key, json.dumps(body).encode(), headers


def _same(back: Envelope, sent: Envelope) -> None:
    assert (back.id, back.source, back.type, back.subject, back.time, back.data) == (
        sent.id,
        sent.source,
        sent.type,
        sent.subject,
        sent.time,
        sent.data,
    )
    assert back.traceparent == sent.traceparent


def test_a_binary_mode_event_reads_with_the_attributes_and_data_sent() -> None:
    sent = _ours()
    _same(Envelope.from_kafka(*sent.to_kafka()), sent)


def test_a_structured_mode_event_reads_with_the_attributes_and_data_sent() -> None:
    sent = _ours()
    key, value, headers = _structured(sent)
    assert dict(headers)["content-type"] == b"application/cloudevents+json"
    _same(Envelope.from_kafka(key, value, headers), sent)


def test_structured_mode_data_base64_holding_a_json_object_is_read() -> None:
    sent = _ours()
    encoded = base64.b64encode(json.dumps(sent.data).encode()).decode()
    key, value, headers = _structured(sent, data=None, data_base64=encoded)
    _same(Envelope.from_kafka(key, value, headers), sent)


def test_the_content_type_decides_the_mode_not_the_presence_of_ce_headers() -> None:
    """Section 3: structured when content-type starts with application/cloudevents (any case);
    structured messages MAY carry the binary headers too (3.3.3), the value still rules."""
    sent = _ours()
    key, value, headers = _structured(sent)
    decoy = [("ce_id", b"another-id"), ("ce_type", b"gpfed.other.thing"), ("ce_source", b"/x")]
    headers = [("Content-Type", b"Application/CloudEvents+JSON"), *decoy, headers[-1]]
    _same(Envelope.from_kafka(key, value, headers), sent)


def _binary_without(name: str) -> tuple[bytes, bytes, Headers]:
    key, value, headers = _ours().to_kafka()
    return key, value, [(k, v) for k, v in headers if k != f"ce_{name}"]


@pytest.mark.parametrize("name", ["id", "source", "type", "specversion"])
def test_binary_mode_without_a_required_attribute_is_refused(name: str) -> None:
    key, value, headers = _binary_without(name)
    with pytest.raises(MalformedEnvelope, match=f"'{name}' missing"):
        read_cloudevent(value, headers)
    with pytest.raises(MalformedEnvelope):
        Envelope.from_kafka(key, value, headers)


@pytest.mark.parametrize("name", ["id", "source", "type", "specversion"])
def test_structured_mode_without_a_required_attribute_is_refused(name: str) -> None:
    key, value, headers = _structured(_ours(), **{name: None})
    with pytest.raises(MalformedEnvelope, match=f"'{name}' missing"):
        Envelope.from_kafka(key, value, headers)


@pytest.mark.parametrize("name", ["id", "source", "type"])
def test_a_required_attribute_that_is_empty_is_refused(name: str) -> None:
    key, value, headers = _binary_without(name)
    with pytest.raises(MalformedEnvelope, match=f"'{name}' missing or empty"):
        Envelope.from_kafka(key, value, [*headers, (f"ce_{name}", b"")])


def test_an_event_without_time_is_a_cloudevent_but_gets_no_invented_time() -> None:
    """The SDK's constructor fills in a missing time with now; what we read must not."""
    key, value, headers = _binary_without("time")
    assert read_cloudevent(value, headers).get_time() is None
    with pytest.raises(MalformedEnvelope, match="'time' missing"):
        Envelope.from_kafka(key, value, headers)
    key, value, headers = _structured(_ours(), time=None)
    assert read_cloudevent(value, headers).get_time() is None


@pytest.mark.parametrize(
    ("content_type", "why"),
    [
        ("application/cloudevents+avro", "event format 'application/cloudevents\\+avro'"),
        ("application/cloudevents-batch+json", "event format"),
        ("application/cloudevents+json; charset=latin-1", "charset 'latin-1'"),
    ],
)
def test_structured_formats_other_than_utf8_json_are_refused(content_type: str, why: str) -> None:
    key, value, headers = _structured(_ours())
    headers = [(k, content_type.encode() if k == "content-type" else v) for k, v in headers]
    with pytest.raises(MalformedEnvelope, match=why):
        Envelope.from_kafka(key, value, headers)


@pytest.mark.parametrize(
    ("content_type", "why"),
    [
        (b"application/xml", "not JSON"),
        (b"text/plain", "not JSON"),
        (b"application/json; charset=iso-8859-1", "charset"),
    ],
)
def test_binary_data_that_is_not_utf8_json_is_refused(content_type: bytes, why: str) -> None:
    key, value, headers = _ours().to_kafka()
    headers = [(k, content_type if k == "content-type" else v) for k, v in headers]
    with pytest.raises(MalformedEnvelope, match=why):
        Envelope.from_kafka(key, value, headers)


@pytest.mark.parametrize(
    "value",
    [b"", b"not json", b"\xff\xfe{}", b"[1, 2]", b'"text"', b"12", b"null"],
    ids=["empty", "text", "not-utf8", "array", "string", "number", "null"],
)
def test_binary_data_must_be_a_json_object(value: bytes) -> None:
    key, _, headers = _ours().to_kafka()
    with pytest.raises(MalformedEnvelope):
        Envelope.from_kafka(key, value, headers)


@pytest.mark.parametrize("header", ["ce_id", "ce_type", "content-type", "traceparent"])
@pytest.mark.parametrize("bad", [None, b"\xff\xfe\xfd"], ids=["none", "not-utf8"])
def test_a_header_we_read_that_is_none_or_not_utf8_is_refused(
    header: str, bad: bytes | None
) -> None:
    key, value, headers = _ours().to_kafka()
    changed: Headers = [(k, bad if k == header else v) for k, v in headers]
    with pytest.raises(MalformedEnvelope, match=header):
        Envelope.from_kafka(key, value, changed)


@pytest.mark.parametrize("header", ["ce_id", "CE_ID", "content-type", "traceparent"])
def test_a_header_we_read_given_twice_is_refused(header: str) -> None:
    key, value, headers = _ours().to_kafka()
    with pytest.raises(MalformedEnvelope, match="more than once"):
        Envelope.from_kafka(key, value, [*headers, (header, b"second")])


def test_headers_we_do_not_read_may_hold_anything() -> None:
    sent = _ours()
    key, value, headers = sent.to_kafka()
    extra: Headers = [("x-binary", b"\xff\x00"), ("x-empty", None)]
    _same(Envelope.from_kafka(key, value, [*headers, *extra]), sent)


def test_the_key_stands_in_for_a_missing_subject_only_if_it_is_utf8() -> None:
    _, value, headers = _ours().to_kafka()
    no_subject = [(k, v) for k, v in headers if k != "ce_subject"]
    assert Envelope.from_kafka(b"Y02765", value, no_subject).subject == "Y02765"
    with pytest.raises(MalformedEnvelope, match="key"):
        Envelope.from_kafka(b"\xff", value, no_subject)
    with pytest.raises(MalformedEnvelope, match="no ce_subject and no key"):
        Envelope.from_kafka(None, value, no_subject)
    assert Envelope.from_kafka(b"\xff", value, headers).subject == "Y02765"  # subject rules


@pytest.mark.parametrize("version", [b"0.3", b"2.0", b"1"])
def test_only_specversion_1_0_is_read(version: bytes) -> None:
    key, value, headers = _ours().to_kafka()
    headers = [(k, version if k == "ce_specversion" else v) for k, v in headers]
    with pytest.raises(MalformedEnvelope, match="specversion"):
        Envelope.from_kafka(key, value, headers)


@pytest.mark.parametrize(
    ("name", "value"),
    [("ce_time", b"yesterday"), ("ce_time", b"2026-04-01T10:00:00"), ("ce_Bad-Name", b"x")],
    ids=["time-unparsable", "time-without-zone", "extension-name"],
)
def test_attribute_values_the_spec_forbids_are_refused(name: str, value: bytes) -> None:
    key, body, headers = _ours().to_kafka()
    headers = [(k, v) for k, v in headers if k != name]
    with pytest.raises(MalformedEnvelope):
        Envelope.from_kafka(key, body, [*headers, (name, value)])


_names = st.sampled_from(["ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time"])
_names |= st.sampled_from(["ce_subject", "content-type", "Content-Type", "traceparent", "other"])
_values = (
    st.none()
    | st.binary(max_size=40)
    | st.sampled_from(
        [b"2026-04-01T00:00:00Z", b"application/json", b"application/cloudevents+json"]
    )
    | st.sampled_from([b"1.0", b"/gpfed/federation", b"gpfed.federation.member_joined", b"\xff"])
)
_bodies = (
    st.none()
    | st.binary(max_size=80)
    | st.sampled_from(
        [b"{}", b'{"specversion": "1.0", "id": "1", "source": "/s", "type": "t"}', b"[]", b"nul"]
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    key=st.none() | st.binary(max_size=12),
    value=_bodies,
    headers=st.lists(st.tuples(_names, _values), max_size=10),
)
def test_any_message_is_read_or_refused_as_malformed_and_nothing_else(
    key: bytes | None, value: bytes | None, headers: Headers
) -> None:
    """Whatever arrives, the reader either returns an envelope or raises MalformedEnvelope: a
    consumer can always dead-letter it and move on."""
    try:
        envelope = Envelope.from_kafka(key, value, headers)
    except MalformedEnvelope:
        return
    assert envelope.id and envelope.source and envelope.type and envelope.subject
    assert isinstance(envelope.data, dict)
    assert envelope.time.tzinfo is not None
