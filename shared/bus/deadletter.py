"""What a dead letter is: the original message, parked on ``<topic>.dlq`` with why in headers."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from aiokafka import ConsumerRecord

DLQ_PREFIX = "dlq_"


class Reason(enum.StrEnum):
    """Why a message was dead-lettered (the ``dlq_reason`` header and the metric's label)."""

    #: Not a CloudEvent we can read: bad or missing headers, a required attribute missing, a
    #: content type or charset we do not read, a body that is not a JSON object, not UTF-8.
    MALFORMED = "malformed"
    #: A type we handle, but not on its producer's topic or not from its producer's source.
    FOREIGN_PRODUCER = "foreign_producer"
    #: The data does not validate against the type's schema.
    INVALID = "invalid"
    #: The handler failed ``GPFED_CONSUMER_MAX_ATTEMPTS`` times with a deterministic error.
    HANDLER_FAILED = "handler_failed"


class ForeignProducer(ValueError):
    """A handled type that did not come from the service that owns it."""


def _text(value: str) -> bytes:
    # An error may quote the message's own undecodable bytes: keep the header writable.
    return value.encode("utf-8", errors="backslashreplace")


def dead_letter_headers(
    record: ConsumerRecord[bytes, bytes],
    error: BaseException,
    reason: Reason,
    *,
    attempts: int,
    service: str,
) -> list[tuple[str, bytes | None]]:
    """The original headers, then ours. ``dlq_*`` headers the message already had are dropped,
    so that what a reader of the DLQ finds under those names is what this consumer said."""
    original = [(k, v) for k, v in (record.headers or ()) if not k.startswith(DLQ_PREFIX)]
    return [
        *original,
        ("dlq_reason", _text(reason.value)),
        ("dlq_error", _text(repr(error)[:4000])),
        ("dlq_error_type", _text(type(error).__name__)),
        ("dlq_attempts", _text(str(attempts))),
        ("dlq_service", _text(service)),
        ("dlq_source_topic", _text(record.topic)),
        ("dlq_source_partition", _text(str(record.partition))),
        ("dlq_source_offset", _text(str(record.offset))),
        ("dlq_at", _text(datetime.now(UTC).isoformat())),
    ]
