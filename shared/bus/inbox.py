"""Consumers with an inbox: a handler's effects and the event id commit in one transaction.

A redelivered event finds its id in the inbox and is skipped (counted and logged), so
effects happen exactly once. A handler that fails is retried with backoff; after the last
attempt the message goes to ``<topic>.dlq`` with the error in its headers and the partition
moves on. A message that cannot be parsed or validated is not retried: it can never succeed.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from pydantic import ValidationError
from sqlalchemy import insert, select

from shared.db import Database, UnitOfWork
from shared.events import Envelope, Event, MalformedEnvelope, dlq_of
from shared.observability import (
    EVENTS_CONSUMED,
    EVENTS_DLQ,
    EVENTS_DUPLICATE,
    EVENTS_IGNORED,
    HANDLER_FAILURES,
    bind_context,
    clear_context,
    continue_trace,
    get_logger,
)

log = get_logger(__name__)

E = TypeVar("E", bound=Event)
Handler = Callable[[UnitOfWork, Any, Envelope], Awaitable[None]]


class Handlers:
    """The event types a service handles, and with what: ``@handlers.on(ContractActivated)``."""

    def __init__(self) -> None:
        self._by_type: dict[str, tuple[type[Event], Handler]] = {}

    def on(
        self, schema: type[E]
    ) -> Callable[
        [Callable[[UnitOfWork, E, Envelope], Awaitable[None]]],
        Callable[[UnitOfWork, E, Envelope], Awaitable[None]],
    ]:
        def register(
            handler: Callable[[UnitOfWork, E, Envelope], Awaitable[None]],
        ) -> Callable[[UnitOfWork, E, Envelope], Awaitable[None]]:
            if schema.ce_type in self._by_type:
                raise ValueError(f"{schema.ce_type} already has a handler")
            self._by_type[schema.ce_type] = (schema, handler)
            return handler

        return register

    def get(self, ce_type: str) -> tuple[type[Event], Handler] | None:
        return self._by_type.get(ce_type)

    @property
    def types(self) -> list[str]:
        return sorted(self._by_type)

    @property
    def topics(self) -> list[str]:
        return sorted({schema.topic() for schema, _ in self._by_type.values()})


class Outcome(enum.StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    DEAD_LETTERED = "dead_lettered"


class InboxConsumer:
    def __init__(
        self,
        db: Database,
        handlers: Handlers,
        producer: AIOKafkaProducer,
        *,
        bootstrap_servers: str,
        group_id: str,
        topics: Iterable[str] | None = None,
        max_attempts: int = 5,
        retry_backoff: float = 0.05,
    ) -> None:
        self.db = db
        self.handlers = handlers
        self.producer = producer
        self.bootstrap_servers = bootstrap_servers
        self.group_id = group_id
        self.topics = sorted(topics) if topics is not None else handlers.topics
        self.max_attempts = max_attempts
        self.retry_backoff = retry_backoff
        self.inbox = db.table("inbox")
        self.consumer: AIOKafkaConsumer | None = None
        self.counts: dict[Outcome, int] = dict.fromkeys(Outcome, 0)

    async def run(self, stop: asyncio.Event) -> None:
        """Consume until ``stop`` is set; the message in hand is finished and its offset kept."""
        if not self.topics:
            return
        consumer = AIOKafkaConsumer(
            *self.topics,
            bootstrap_servers=self.bootstrap_servers,
            group_id=self.group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            metadata_max_age_ms=5_000,
        )
        self.consumer = consumer
        await consumer.start()
        try:
            while not stop.is_set():
                batches = await consumer.getmany(timeout_ms=200, max_records=500)
                for partition, records in batches.items():
                    for record in records:
                        await self.process(record)
                        # Commit after each message so a stop or crash redelivers at most
                        # the one in hand (which the inbox then skips).
                        await consumer.commit(
                            {
                                TopicPartition(partition.topic, partition.partition): record.offset
                                + 1
                            }
                        )
        finally:
            self.consumer = None
            await consumer.stop()

    async def process(self, record: ConsumerRecord[bytes, bytes]) -> Outcome:
        headers = [(k, v) for k, v in (record.headers or ())]
        try:
            envelope = Envelope.from_kafka(record.key, record.value, headers)
        except MalformedEnvelope as exc:
            return await self._dead_letter(record, exc, attempts=1)
        entry = self.handlers.get(envelope.type)
        if entry is None:
            EVENTS_IGNORED.labels(self.db.service).inc()
            return self._count(Outcome.IGNORED)
        schema, handler = entry
        try:
            event = schema.model_validate(envelope.data)
        except ValidationError as exc:
            return await self._dead_letter(record, exc, attempts=1)

        bind_context(request_id=envelope.id, traceparent=continue_trace(envelope.traceparent))
        try:
            attempt = 0
            while True:
                attempt += 1
                try:
                    return await self._apply(envelope, event, handler, record.topic)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    HANDLER_FAILURES.labels(self.db.service, envelope.type).inc()
                    log.warning(
                        "handler failed",
                        ce_type=envelope.type,
                        ce_id=envelope.id,
                        attempt=attempt,
                        error=repr(exc),
                    )
                    if attempt >= self.max_attempts:
                        return await self._dead_letter(record, exc, attempts=attempt)
                    await asyncio.sleep(self.retry_backoff * 2 ** (attempt - 1))
        finally:
            clear_context()

    async def _apply(
        self, envelope: Envelope, event: Event, handler: Handler, topic: str
    ) -> Outcome:
        async with self.db.unit_of_work() as uow:
            seen = await uow.session.scalar(
                select(self.inbox.c.event_id).where(
                    self.inbox.c.source == envelope.source,
                    self.inbox.c.event_id == envelope.id,
                )
            )
            if seen is not None:
                EVENTS_DUPLICATE.labels(self.db.service).inc()
                log.info("duplicate event skipped", ce_type=envelope.type, ce_id=envelope.id)
                return self._count(Outcome.DUPLICATE)
            await uow.session.execute(
                insert(self.inbox).values(
                    source=envelope.source,
                    event_id=envelope.id,
                    ce_type=envelope.type,
                    topic=topic,
                    received_at=datetime.now(UTC),
                )
            )
            await handler(uow, event, envelope)
            await uow.commit()
        EVENTS_CONSUMED.labels(self.db.service, envelope.type).inc()
        return self._count(Outcome.APPLIED)

    async def _dead_letter(
        self, record: ConsumerRecord[bytes, bytes], error: BaseException, *, attempts: int
    ) -> Outcome:
        headers = [(k, v) for k, v in (record.headers or ())]
        headers += [
            ("dlq_error", repr(error)[:4000].encode()),
            ("dlq_error_type", type(error).__name__.encode()),
            ("dlq_attempts", str(attempts).encode()),
            ("dlq_service", self.db.service.encode()),
            ("dlq_source_topic", record.topic.encode()),
            ("dlq_source_partition", str(record.partition).encode()),
            ("dlq_source_offset", str(record.offset).encode()),
            ("dlq_at", datetime.now(UTC).isoformat().encode()),
        ]
        dlq = dlq_of(record.topic)
        await self.producer.send_and_wait(dlq, record.value, key=record.key, headers=headers)
        EVENTS_DLQ.labels(self.db.service, dlq).inc()
        log.error(
            "message dead-lettered",
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            error=repr(error),
            attempts=attempts,
        )
        return self._count(Outcome.DEAD_LETTERED)

    def _count(self, outcome: Outcome) -> Outcome:
        self.counts[outcome] += 1
        return outcome
