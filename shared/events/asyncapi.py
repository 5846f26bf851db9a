"""An AsyncAPI 3.0 document generated from the event registry.

Channels are the services' topics, messages are the registered schemas, and operations say
which service sends and which receives; ``/asyncapi`` serves it and ``make asyncapi`` writes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic.json_schema import models_json_schema

from shared.events.base import SERVICES, Event, registered, topic_of

_CE_HEADERS: dict[str, Any] = {
    "type": "object",
    "required": ["ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time", "ce_subject"],
    "properties": {
        "ce_id": {"type": "string", "description": "Unique per source; consumers dedupe on it."},
        "ce_specversion": {"type": "string", "const": "1.0"},
        "ce_time": {"type": "string", "format": "date-time"},
        "ce_subject": {"type": "string", "description": "The aggregate id; also the Kafka key."},
        "content-type": {"type": "string", "const": "application/json"},
        "traceparent": {"type": "string", "description": "W3C trace context."},
        "tracestate": {"type": "string", "description": "W3C trace context: vendors' state."},
    },
}


def _headers(cls: type[Event]) -> dict[str, Any]:
    """The CloudEvents headers of one message, ``ce_type`` and ``ce_source`` pinned: a tool
    reading a record's headers can tell which message it is without its body."""
    properties = dict(_CE_HEADERS["properties"])
    properties["ce_type"] = {"type": "string", "const": cls.ce_type}
    properties["ce_source"] = {"type": "string", "const": cls.source()}
    return {**_CE_HEADERS, "properties": properties}


def _message_name(ce_type: str) -> str:
    return ce_type.removeprefix("gpfed.").replace(".", "_")


def asyncapi_document(
    *, service: str | None = None, consumes: Mapping[str, Iterable[str]] | None = None
) -> dict[str, Any]:
    """The catalogue as AsyncAPI 3.0.

    ``service`` titles the document for one service; ``consumes`` maps each service to the
    event types it handles, which become its ``receive`` operations.
    """
    events = registered()
    _, defs = models_json_schema(
        [(cls, "validation") for cls in events.values()],
        ref_template="#/components/schemas/{model}",
    )
    schemas: dict[str, Any] = defs.get("$defs", {})

    messages: dict[str, Any] = {}
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    by_producer: dict[str, list[type[Event]]] = {s: [] for s in SERVICES}
    for ce_type, cls in events.items():
        by_producer[cls.producer].append(cls)
        name = _message_name(ce_type)
        messages[name] = {
            "name": ce_type,
            "title": cls.__name__,
            "summary": (cls.__doc__ or ce_type).strip().splitlines()[0],
            "contentType": "application/json",
            "headers": _headers(cls),
            "payload": {"$ref": f"#/components/schemas/{cls.__name__}"},
            "bindings": {"kafka": {"key": {"type": "string", "description": cls.subject_field}}},
        }

    for producer, classes in by_producer.items():
        if not classes:
            continue
        channel = producer
        channels[channel] = {
            "address": topic_of(producer),
            "description": f"Events published by the {producer} service.",
            "messages": {
                _message_name(c.ce_type): {
                    "$ref": f"#/components/messages/{_message_name(c.ce_type)}"
                }
                for c in classes
            },
        }
        operations[f"{producer}_publishes"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel}"},
            "summary": f"{producer} publishes through its transactional outbox",
        }
    for consumer, types in (consumes or {}).items():
        for ce_type in sorted(types):
            cls = events[ce_type]
            name = _message_name(ce_type)
            operations[f"{consumer}_receives_{name}"] = {
                "action": "receive",
                "channel": {"$ref": f"#/channels/{cls.producer}"},
                "messages": [{"$ref": f"#/channels/{cls.producer}/messages/{name}"}],
                "summary": f"{consumer} handles {ce_type} through its inbox",
            }

    title = f"gpfed {service} events" if service else "gpfed events"
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": title,
            "version": "1.0.0",
            "description": "CloudEvents 1.0 in Kafka binary mode (consumers also read structured "
            "mode, application/cloudevents+json); JSON bodies; at-least-once delivery from a "
            "transactional outbox, deduplicated by each consumer's inbox. A consumer applies a "
            "type only from its producer's topic and source (/gpfed/<producer>).",
        },
        "defaultContentType": "application/json",
        "servers": {
            "kafka": {"host": "127.0.0.1:19092", "protocol": "kafka", "description": "make run"}
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": schemas},
    }
