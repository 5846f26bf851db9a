"""CloudEvents 1.0 in Kafka binary content mode, through the ``cloudevents`` SDK.

Attributes travel as ``ce_*`` headers, the JSON body is the event data, the Kafka key is
the aggregate id, and ``traceparent`` travels as a plain header (W3C trace context) as
well as the CloudEvents distributed-tracing extension.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cloudevents.core.bindings import kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

from shared.events.base import Event

_FORMAT = JSONFormat()
TRACEPARENT = "traceparent"

Headers = list[tuple[str, bytes]]


class MalformedEnvelope(ValueError):
    """A Kafka message that is not a binary-mode CloudEvent with a JSON object body."""


@dataclass(frozen=True)
class Envelope:
    """One event with its CloudEvents attributes, ready for the outbox or the wire."""

    id: str
    source: str
    type: str
    subject: str
    time: datetime
    data: dict[str, Any]
    traceparent: str | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def wrap(cls, event: Event, *, source: str, traceparent: str | None = None) -> Envelope:
        return cls(
            id=str(uuid.uuid4()),
            source=source,
            type=event.ce_type,
            subject=event.subject,
            time=datetime.now(UTC),
            data=event.model_dump(mode="json"),
            traceparent=traceparent,
        )

    @property
    def key(self) -> bytes:
        return self.subject.encode()

    def to_kafka(self) -> tuple[bytes, bytes, Headers]:
        """(key, value, headers) for a Kafka producer."""
        return kafka_message(
            id=self.id,
            source=self.source,
            type=self.type,
            subject=self.subject,
            time=self.time,
            data=json.dumps(self.data).encode(),
            traceparent=self.traceparent,
            extra_headers=self.extra_headers,
        )

    @classmethod
    def from_kafka(cls, key: bytes | None, value: bytes | None, headers: Headers) -> Envelope:
        """Parse a consumed message; raises MalformedEnvelope on anything not ours to read."""
        as_dict = {k: v for k, v in headers if k.startswith("ce_") or k == "content-type"}
        try:
            message = kafka.KafkaMessage(headers=as_dict, key=key, value=value or b"")
            event = kafka.from_binary(message, _FORMAT, CloudEvent)
        except Exception as exc:  # the SDK raises several types for one cause: a bad envelope
            raise MalformedEnvelope(f"not a binary-mode CloudEvent: {exc}") from exc
        data = event.get_data()
        if isinstance(data, bytes | str):
            try:
                data = json.loads(data)
            except ValueError as exc:
                raise MalformedEnvelope(f"event body is not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise MalformedEnvelope("event body must be a JSON object")
        time = event.get_time() or datetime.now(UTC)
        traceparent = next((v.decode() for k, v in headers if k == TRACEPARENT), None)
        return cls(
            id=event.get_id(),
            source=event.get_source(),
            type=event.get_type(),
            subject=event.get_subject() or (key or b"").decode(),
            time=time,
            data=data,
            traceparent=traceparent,
        )


def kafka_message(
    *,
    id: str,
    source: str,
    type: str,
    subject: str,
    time: datetime,
    data: bytes,
    traceparent: str | None = None,
    extra_headers: dict[str, str] | None = None,
) -> tuple[bytes, bytes, Headers]:
    """(key, value, headers) of a binary-mode CloudEvent whose data is JSON already serialised.

    Built directly rather than through the SDK's ``kafka.to_binary``: that call validates every
    attribute of every event, which cost the outbox relay more CPU than sending the message.
    The attributes here come from our own envelopes, already valid; ``tests/unit/test_events.py``
    checks the bytes against the SDK's ``to_binary`` for arbitrary envelopes, and the SDK
    still parses everything consumed (:meth:`Envelope.from_kafka`).
    """
    stamp = time.isoformat()
    if stamp.endswith("+00:00"):
        stamp = stamp[:-6] + "Z"
    headers: Headers = [
        ("ce_id", id.encode()),
        ("ce_source", source.encode()),
        ("ce_type", type.encode()),
        ("ce_specversion", b"1.0"),
        ("ce_time", stamp.encode()),
        ("ce_subject", subject.encode()),
        ("content-type", b"application/json"),
    ]
    if traceparent:
        headers.append((TRACEPARENT, traceparent.encode()))
    if extra_headers:
        headers.extend((k, v.encode()) for k, v in extra_headers.items())
    return subject.encode(), data, headers
