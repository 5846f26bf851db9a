"""The event bus: one way to publish (the outbox and its relay), one way to consume (the inbox)."""

from shared.bus.inbox import Handlers, InboxConsumer, Outcome
from shared.bus.relay import OutboxRelay
from shared.bus.replay import replay
from shared.bus.runtime import EventBus, new_producer
from shared.bus.topics import ensure_topics

__all__ = [
    "EventBus",
    "Handlers",
    "InboxConsumer",
    "OutboxRelay",
    "Outcome",
    "ensure_topics",
    "new_producer",
    "replay",
]
