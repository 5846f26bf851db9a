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
        attributes: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "type": self.type,
            "specversion": "1.0",
            "time": self.time,
            "subject": self.subject,
            "datacontenttype": "application/json",
        }
        message = kafka.to_binary(CloudEvent(attributes, self.data), _FORMAT)
        headers: Headers = list(message.headers.items())
        if self.traceparent:
            headers.append((TRACEPARENT, self.traceparent.encode()))
        headers.extend((k, v.encode()) for k, v in self.extra_headers.items())
        return self.key, message.value, headers

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
