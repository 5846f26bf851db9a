"""Consumers with an inbox: a handler's effects and the event id commit in one transaction.

A redelivered event finds its id in the inbox and is skipped (counted and logged), so effects
happen exactly once. Each message ends applied, skipped as a duplicate, ignored (no handler
here) or dead-lettered to ``<topic>.dlq`` with the reason in its headers, and the partition
moves on:

- a message that cannot be read, a type from a producer that does not own it, or data that
  does not validate can never succeed: dead-lettered at once;
- a transient failure (database or broker away, see :mod:`shared.bus.transient`) is retried
  with capped backoff until it passes, holding the partition: an outage delays, never parks;
- any other handler failure is retried ``max_attempts`` times, then dead-lettered.

A stop request ends the wait between retries at once; the message in hand is then left
uncommitted, to be delivered again.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from opentelemetry.trace import StatusCode
from pydantic import ValidationError
from sqlalchemy import insert, select

from shared.bus.deadletter import ForeignProducer, Reason, dead_letter_headers
from shared.bus.transient import backoff_delay, is_transient, sleep_or_stop
from shared.db import Database, UnitOfWork
from shared.events import Envelope, Event, MalformedEnvelope, dlq_of
from shared.observability import (
    EVENTS_CONSUMED,
    EVENTS_DLQ,
    EVENTS_DUPLICATE,
    EVENTS_IGNORED,
    EVENTS_RETRYING,
    HANDLER_FAILURES,
    TRANSIENT_FAILURES,
    bind_context,
    clear_context,
    get_logger,
)
from shared.tracing import consumer_span, context_of

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
    #: The consumer was asked to stop while retrying: not committed, delivered again later.
    STOPPED = "stopped"


class _Stopped(Exception):
    """Raised out of a retry wait when the consumer is asked to stop."""


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
        max_backoff: float = 5.0,
        recover: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.db = db
        self.handlers = handlers
        self.producer = producer
        self.bootstrap_servers = bootstrap_servers
        self.group_id = group_id
        self.topics = sorted(topics) if topics is not None else handlers.topics
        self.max_attempts = max_attempts
        self.retry_backoff = retry_backoff
        self.max_backoff = max_backoff
        #: Called after a failed dead-letter send, e.g. to re-create a DLQ topic the broker lost.
        self.recover = recover
        self.inbox = db.table("inbox")
        self.consumer: AIOKafkaConsumer | None = None
        self.counts: dict[Outcome, int] = dict.fromkeys(Outcome, 0)
        self._stop = asyncio.Event()
        self._holding = False

    async def run(self, stop: asyncio.Event) -> None:
        """Consume until ``stop`` is set; the message in hand is finished (or, if it is being
        retried, left for redelivery) and the offsets of finished ones are committed."""
        if not self.topics:
            return
        self._stop = stop
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
                        if stop.is_set():
                            return  # what is left of the batch is delivered again
                        if await self.process(record) is Outcome.STOPPED:
                            return
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
        """Take one message to its end: applied, duplicate, ignored, dead-lettered, or stopped."""
        try:
            return await self._process(record)
        except _Stopped:
            log.info("stopped while retrying; the message will be delivered again")
            return self._count(Outcome.STOPPED)
        finally:
            if self._holding:
                self._holding = False
                EVENTS_RETRYING.labels(self.db.service).dec()

    async def _process(self, record: ConsumerRecord[bytes, bytes]) -> Outcome:
        try:
            envelope = Envelope.from_kafka(record.key, record.value, record.headers or ())
        except MalformedEnvelope as exc:
            return await self._dead_letter(record, exc, Reason.MALFORMED, attempts=1)
        entry = self.handlers.get(envelope.type)
        if entry is None:
            EVENTS_IGNORED.labels(self.db.service).inc()
            return self._count(Outcome.IGNORED)
        schema, handler = entry
        # A type is applied only from the service that owns it: its topic and its source.
        # Otherwise any producer on the bus could, say, activate a contract that payments pays.
        if record.topic != schema.topic() or envelope.source != schema.source():
            foreign = ForeignProducer(
                f"{envelope.type} is published by {schema.producer} on {schema.topic()} with "
                f"source {schema.source()}; this came on {record.topic} from {envelope.source!r}"
            )
            return await self._dead_letter(record, foreign, Reason.FOREIGN_PRODUCER, attempts=1)
        try:
            event = schema.model_validate(envelope.data)
        except (ValidationError, ValueError, TypeError) as exc:
            return await self._dead_letter(record, exc, Reason.INVALID, attempts=1)

        # The handler runs in a process span, the child of the producer's span the headers
        # name, so that what it publishes carries the trace on.
        parent = context_of(envelope.traceparent, envelope.tracestate)
        bind_context(request_id=envelope.id)
        try:
            with consumer_span(
                record.topic, envelope.id, envelope.type, self.group_id, parent
            ) as span:
                outcome = await self._handle(record, envelope, event, handler)
                span.set_attribute("gpfed.outcome", outcome.value)
                if outcome is Outcome.DEAD_LETTERED:
                    span.set_status(StatusCode.ERROR, "dead-lettered")
                return outcome
        finally:
            clear_context()

    async def _handle(
        self,
        record: ConsumerRecord[bytes, bytes],
        envelope: Envelope,
        event: Event,
        handler: Handler,
    ) -> Outcome:
        attempt = 0
        transient = 0
        while True:
            try:
                return await self._apply(envelope, event, handler, record.topic)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if is_transient(exc):
                    transient += 1
                    await self._wait_transient("handle", exc, transient, ce_id=envelope.id)
                    continue
                attempt += 1
                HANDLER_FAILURES.labels(self.db.service, envelope.type).inc()
                log.warning(
                    "handler failed",
                    ce_type=envelope.type,
                    ce_id=envelope.id,
                    attempt=attempt,
                    error=repr(exc),
                )
                if attempt >= self.max_attempts:
                    return await self._dead_letter(
                        record, exc, Reason.HANDLER_FAILED, attempts=attempt
                    )
                await self._sleep(self.retry_backoff * 2 ** (attempt - 1))

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
        self,
        record: ConsumerRecord[bytes, bytes],
        error: BaseException,
        reason: Reason,
        *,
        attempts: int,
    ) -> Outcome:
        headers = dead_letter_headers(
            record, error, reason, attempts=attempts, service=self.db.service
        )
        dlq = dlq_of(record.topic)
        # A Kafka record needs a key or a value; one with neither is parked with an empty value.
        value = record.value if record.value is not None or record.key is not None else b""
        failures = 0
        while True:
            try:
                await self.producer.send_and_wait(dlq, value, key=record.key, headers=headers)
                break
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                # Not sent means not parked, so never committed past: a broker away is waited
                # out here; anything else ends the consumer, which restarts and reads it again.
                if not is_transient(exc):
                    raise
                failures += 1
                await self._wait_transient("dead_letter", exc, failures, offset=record.offset)
                await self._recover()
        EVENTS_DLQ.labels(self.db.service, dlq, reason.value).inc()
        log.error(
            "message dead-lettered",
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            reason=reason.value,
            error=repr(error),
            attempts=attempts,
        )
        return self._count(Outcome.DEAD_LETTERED)

    async def _wait_transient(
        self, operation: str, error: BaseException, retry: int, **context: Any
    ) -> None:
        """Count, log and wait out one transient failure; the partition stays where it is."""
        TRANSIENT_FAILURES.labels(self.db.service, operation).inc()
        if not self._holding:
            self._holding = True
            EVENTS_RETRYING.labels(self.db.service).inc()
        delay = backoff_delay(self.retry_backoff, retry, self.max_backoff)
        log.warning(
            "transient failure; retrying",
            operation=operation,
            retry=retry,
            delay=delay,
            error=repr(error),
            **context,
        )
        await self._sleep(delay)

    async def _sleep(self, seconds: float) -> None:
        await sleep_or_stop(self._stop, seconds)
        if self._stop.is_set():
            raise _Stopped

    async def _recover(self) -> None:
        if self.recover is None:
            return
        try:
            await self.recover()
        except Exception as exc:
            log.warning("consumer recovery failed", error=repr(exc))

    def _count(self, outcome: Outcome) -> Outcome:
        self.counts[outcome] += 1
        return outcome
