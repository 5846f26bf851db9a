"""Reading the CloudEvents Kafka protocol binding (spec/kafka-protocol-binding.md), both modes.

The receiver tells the modes apart by the ``content-type`` header (section 3): a value that
starts with ``application/cloudevents`` (any case) is structured mode, where the value is the
whole event in an event format, of which we read the JSON one; anything else is binary mode,
where ``ce_*`` headers carry the attributes and the value is the data as it is.

The SDK's kafka binding does the parsing. What it does not do, done here first: refuse a message
that lacks a required attribute (its ``CloudEvent`` would invent ``id``, ``specversion`` and
``time``, so a redelivery would get a new id), refuse header values that are missing or not
UTF-8 (section 3.2.3) and a header we read that appears twice (which value would count?).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from typing import Any

from cloudevents.core.base import BaseCloudEvent
from cloudevents.core.bindings import kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

REQUIRED = ("id", "source", "type", "specversion")
SPECVERSION = "1.0"
CE_PREFIX = "ce_"
CONTENT_TYPE = "content-type"
STRUCTURED_PREFIX = "application/cloudevents"
STRUCTURED_JSON = "application/cloudevents+json"

_FORMAT = JSONFormat()

#: Kafka record headers as aiokafka gives them: a value may be None.
RecordHeaders = Sequence[tuple[str, bytes | None]]


class MalformedEnvelope(ValueError):
    """A Kafka message that is not a CloudEvent we can read: it can never be applied."""


class ContentMode(enum.StrEnum):
    BINARY = "binary"
    STRUCTURED = "structured"


def media_type(value: str) -> tuple[str, dict[str, str]]:
    """``type/subtype`` in lower case, and the parameters (names lower case, quotes removed)."""
    essence, *parts = value.split(";")
    params = {}
    for part in parts:
        name, _, param = part.partition("=")
        params[name.strip().lower()] = param.strip().strip('"')
    return essence.strip().lower(), params


def text_header(name: str, value: bytes | None) -> str:
    """A header value as text: present and UTF-8, as the binding requires of attributes."""
    if value is None:
        raise MalformedEnvelope(f"header {name!r} has no value")
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedEnvelope(f"header {name!r} is not UTF-8: {exc}") from None


def binding_headers(headers: RecordHeaders) -> dict[str, str]:
    """The ``ce_*`` and ``content-type`` headers by lower-case name (the SDK compares names
    case-insensitively), decoded; each at most once."""
    found: dict[str, str] = {}
    for name, value in headers:
        lowered = name.lower()
        if not (lowered.startswith(CE_PREFIX) or lowered == CONTENT_TYPE):
            continue
        if lowered in found:
            raise MalformedEnvelope(f"header {lowered!r} appears more than once")
        found[lowered] = text_header(name, value)
    return found


def content_mode(headers: dict[str, str]) -> ContentMode:
    """Section 3: structured if ``content-type`` starts with the CloudEvents media type."""
    content_type = headers.get(CONTENT_TYPE, "")
    if content_type.strip().lower().startswith(STRUCTURED_PREFIX):
        return ContentMode.STRUCTURED
    return ContentMode.BINARY


def _require(attributes: dict[str, Any], where: str) -> None:
    for name in REQUIRED:
        value = attributes.get(name)
        if not isinstance(value, str) or not value:
            raise MalformedEnvelope(f"required attribute {name!r} missing or empty ({where})")
    if attributes["specversion"] != SPECVERSION:
        raise MalformedEnvelope(f"specversion {attributes['specversion']!r} is not {SPECVERSION}")


def _structured(value: bytes | None, content_type: str) -> BaseCloudEvent:
    essence, params = media_type(content_type)
    if essence != STRUCTURED_JSON:
        raise MalformedEnvelope(f"event format {essence!r} is not supported (only JSON)")
    if params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
        raise MalformedEnvelope(f"charset {params['charset']!r} is not UTF-8")
    if not value:
        raise MalformedEnvelope("structured mode without a value")
    try:
        attributes = json.loads(value.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedEnvelope(f"structured event is not JSON: {exc}") from None
    if not isinstance(attributes, dict):
        raise MalformedEnvelope("structured event must be a JSON object")
    _require(attributes, "in the value")
    message = kafka.KafkaMessage(headers={}, key=None, value=value)
    event = kafka.from_structured(message, _FORMAT, CloudEvent)
    return _as_sent(event, sent_time="time" in attributes)


def _binary(value: bytes | None, headers: dict[str, str]) -> BaseCloudEvent:
    attributes = {k.removeprefix(CE_PREFIX): v for k, v in headers.items() if k != CONTENT_TYPE}
    _require(attributes, "as ce_ headers")
    # The key is not mapped to the optional ``partitionkey`` extension (section 3.1): we do not
    # use it, and the SDK would need the key to be UTF-8 to do it.
    encoded = {k: v.encode() for k, v in headers.items()}
    message = kafka.KafkaMessage(headers=encoded, key=None, value=value or b"")
    event = kafka.from_binary(message, _FORMAT, CloudEvent)
    return _as_sent(event, sent_time="time" in attributes)


def _as_sent(event: BaseCloudEvent, *, sent_time: bool) -> BaseCloudEvent:
    """The SDK's constructor fills in a missing ``time`` with now; take it back out, so the
    event says what the message said (``tests/unit/test_cloudevents_conformance.py`` checks
    that this still works with the SDK in use)."""
    if not sent_time:
        event.get_attributes().pop("time", None)
    return event


def read_cloudevent(value: bytes | None, headers: RecordHeaders) -> BaseCloudEvent:
    """The CloudEvent a Kafka record carries, in either content mode; its data as the SDK reads
    it (a dict for JSON, else text or bytes, None for no value). Raises MalformedEnvelope."""
    try:
        found = binding_headers(headers)
        if content_mode(found) is ContentMode.STRUCTURED:
            return _structured(value, found[CONTENT_TYPE])
        return _binary(value, found)
    except MalformedEnvelope:
        raise
    except Exception as exc:  # the SDK raises many types for one cause: not a valid event
        raise MalformedEnvelope(f"not a valid CloudEvent: {exc!r}") from exc
