"""The base class every event schema derives from, and the registry from ``ce_type`` to schema.

An event class declares its CloudEvents type, the service that publishes it and the field
that holds the aggregate id (the ``ce_subject`` and the Kafka key, so that one aggregate's
events stay in order on one partition). Declaring the class registers it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

SERVICES: tuple[str, ...] = ("contracts", "payments", "federation", "conflicts")


def topic_of(service: str) -> str:
    """The topic a service publishes to (docs/architecture.md, "Events")."""
    return f"gpfed.{service}.v1"


def source_of(service: str) -> str:
    """The ``ce_source`` of every event a service publishes."""
    return f"/gpfed/{service}"


def dlq_of(topic: str) -> str:
    """Where messages that failed every attempt on ``topic`` are parked."""
    return f"{topic}.dlq"


class UnknownEventType(KeyError):
    """A ``ce_type`` that no schema is registered for."""


class Event(BaseModel):
    """An event schema. Subclasses set ``ce_type``, ``producer`` and ``subject_field``.

    Within a v1 topic a schema only gains optional fields (docs/architecture.md, "Events"),
    so unknown fields from a newer producer are ignored rather than refused.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    ce_type: ClassVar[str] = ""
    producer: ClassVar[str] = ""
    subject_field: ClassVar[str] = ""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if cls.ce_type:
            register(cls)

    @property
    def subject(self) -> str:
        """The aggregate id: ``ce_subject`` and the Kafka key."""
        return str(getattr(self, self.subject_field))

    @classmethod
    def topic(cls) -> str:
        return topic_of(cls.producer)

    @classmethod
    def source(cls) -> str:
        """The only ``ce_source`` this type is accepted from: its producer's."""
        return source_of(cls.producer)


_REGISTRY: dict[str, type[Event]] = {}


def register(cls: type[Event]) -> type[Event]:
    if not cls.ce_type.startswith("gpfed."):
        raise ValueError(f"{cls.__name__}: ce_type must be gpfed.<aggregate>.<verb>")
    if cls.producer not in SERVICES:
        raise ValueError(f"{cls.__name__}: producer must be one of {SERVICES}")
    if cls.subject_field not in cls.model_fields:
        raise ValueError(f"{cls.__name__}: subject_field {cls.subject_field!r} is not a field")
    existing = _REGISTRY.get(cls.ce_type)
    if existing is not None and existing.__qualname__ != cls.__qualname__:
        raise ValueError(f"{cls.ce_type} is already registered to {existing.__name__}")
    _REGISTRY[cls.ce_type] = cls
    return cls


def schema_for(ce_type: str) -> type[Event]:
    try:
        return _REGISTRY[ce_type]
    except KeyError:
        raise UnknownEventType(ce_type) from None


def registered() -> dict[str, type[Event]]:
    """Every registered schema by ``ce_type``, sorted for stable documents."""
    return dict(sorted(_REGISTRY.items()))
