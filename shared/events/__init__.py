"""Event schemas, their registry and the CloudEvents envelope.

Importing this package registers every schema in the catalogue (docs/architecture.md, "Event
catalogue").
"""

from shared.events import conflicts, contracts, federation, payments
from shared.events.base import (
    SERVICES,
    Event,
    UnknownEventType,
    dlq_of,
    registered,
    schema_for,
    source_of,
    topic_of,
)
from shared.events.envelope import Envelope, MalformedEnvelope

__all__ = [
    "SERVICES",
    "Envelope",
    "Event",
    "MalformedEnvelope",
    "UnknownEventType",
    "conflicts",
    "contracts",
    "dlq_of",
    "federation",
    "payments",
    "registered",
    "schema_for",
    "source_of",
    "topic_of",
]
