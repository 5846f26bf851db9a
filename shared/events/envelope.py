"""CloudEvents 1.0 over Kafka: what a gpfed event is on the wire, written and read.

We write binary content mode: attributes travel as ``ce_*`` headers, the JSON body is the event
data, the Kafka key is the aggregate id, and the trace context travels as the ``traceparent`` and
``tracestate`` headers (W3C Trace Context, as the CloudEvents distributed-tracing extension names
them; :mod:`shared.tracing` makes and reads them). We read both content modes
(:mod:`shared.events.binding`), and on top of what the binding requires, what our consumers need:
a ``time`` (handlers order by it, and one invented at each parse would differ between
deliveries), JSON data (UTF-8) that is an object, and readable trace headers and key.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from shared.events.base import Event
from shared.events.binding import (
    MalformedEnvelope,
    RecordHeaders,
    media_type,
    read_cloudevent,
    text_header,
)

TRACEPARENT = "traceparent"
TRACESTATE = "tracestate"

Headers = list[tuple[str, bytes]]

__all__ = ["TRACEPARENT", "TRACESTATE", "Envelope", "Headers", "MalformedEnvelope", "kafka_message"]


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
    tracestate: str | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def wrap(
        cls,
        event: Event,
        *,
        source: str,
        traceparent: str | None = None,
        tracestate: str | None = None,
    ) -> Envelope:
        return cls(
            id=str(uuid.uuid4()),
            source=source,
            type=event.ce_type,
            subject=event.subject,
            time=datetime.now(UTC),
            data=event.model_dump(mode="json"),
            traceparent=traceparent,
            tracestate=tracestate,
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
            tracestate=self.tracestate,
            extra_headers=self.extra_headers,
        )

    @classmethod
    def from_kafka(cls, key: bytes | None, value: bytes | None, headers: RecordHeaders) -> Envelope:
        """Parse a consumed message; raises MalformedEnvelope on anything not ours to read,
        and on nothing else (a consumer dead-letters it and moves on)."""
        try:
            return cls._from_kafka(key, value, headers)
        except MalformedEnvelope:
            raise
        except Exception as exc:  # a case not foreseen is still this message's fault
            raise MalformedEnvelope(f"unreadable message: {exc!r}") from exc

    @classmethod
    def _from_kafka(
        cls, key: bytes | None, value: bytes | None, headers: RecordHeaders
    ) -> Envelope:
        event = read_cloudevent(value, headers)
        time = event.get_time()
        if time is None:
            raise MalformedEnvelope("attribute 'time' missing: gpfed events carry their time")
        content_type = event.get_datacontenttype() or "application/json"
        essence, params = media_type(content_type)
        if not (essence == "application/json" or essence.endswith("+json")):
            raise MalformedEnvelope(f"data content type {essence!r} is not JSON")
        if params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
            raise MalformedEnvelope(f"data charset {params['charset']!r} is not UTF-8")
        data = event.get_data()
        if isinstance(data, bytes):  # structured mode's data_base64
            data = _json(data)
        if not isinstance(data, dict):
            raise MalformedEnvelope(f"event data must be a JSON object, not {type(data).__name__}")
        subject = event.get_subject()
        if subject is None:  # the key is the aggregate id too
            if not key:
                raise MalformedEnvelope("no ce_subject and no key: the aggregate is unknown")
            try:
                subject = key.decode("utf-8")
            except UnicodeDecodeError:
                raise MalformedEnvelope("no ce_subject, and the key is not UTF-8") from None
        return cls(
            id=event.get_id(),
            source=event.get_source(),
            type=event.get_type(),
            subject=subject,
            time=time,
            data=data,
            traceparent=_single_header(headers, TRACEPARENT),
            tracestate=_single_header(headers, TRACESTATE),
        )


def _single_header(headers: RecordHeaders, name: str) -> str | None:
    values = [v for k, v in headers if k.lower() == name]
    if len(values) > 1:
        raise MalformedEnvelope(f"header {name!r} appears more than once")
    return text_header(name, values[0]) if values else None


def _json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedEnvelope(f"event data is not JSON: {exc}") from None


def kafka_message(
    *,
    id: str,
    source: str,
    type: str,
    subject: str,
    time: datetime,
    data: bytes,
    traceparent: str | None = None,
    tracestate: str | None = None,
    extra_headers: dict[str, str] | None = None,
) -> tuple[bytes, bytes, Headers]:
    """(key, value, headers) of a binary-mode CloudEvent whose data is JSON already serialised.

    Built directly rather than through the SDK's ``kafka.to_binary``: that call validates every
    attribute of every event, which cost the outbox relay more CPU than sending the message.
    The attributes here come from our own envelopes, already valid; ``tests/unit/test_events.py``
    checks the bytes against the SDK's ``to_binary`` for arbitrary envelopes, and the SDK
    still parses everything consumed (:mod:`shared.events.binding`).
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
        if tracestate:
            headers.append((TRACESTATE, tracestate.encode()))
    if extra_headers:
        headers.extend((k, v.encode()) for k, v in extra_headers.items())
    return subject.encode(), data, headers
