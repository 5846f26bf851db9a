"""The outbox relay: publishes committed outbox rows in id order, then strikes them as pending.

A row is unsent while its id is in ``outbox_pending`` (written in the same unit of work).
The relay takes a batch of ids out of it and reads their rows in one statement, publishes
them, and commits once the broker has acknowledged them: a crash before the commit puts
the ids back, and the batch is published again on restart. Delivery is at least once, and
consumers' inboxes make the effects exactly once. Rows are kept after sending so that
``gpfed replay`` can re-publish history.

With several replicas, a PostgreSQL advisory lock taken inside the batch's transaction lets
one relay publish at a time, which also keeps each aggregate's events in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import zlib
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from aiokafka import AIOKafkaProducer
from opentelemetry.trace import Span, SpanKind, Tracer
from sqlalchemy import Select, any_, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from shared.bus.transient import sleep_or_stop
from shared.db import (
    EVENT_ID_AT,
    TRACEPARENT_AT,
    TRACESTATE_AT,
    Database,
    DriverStatement,
    driver_connection,
    outbox_columns,
    outbox_message,
)
from shared.observability import EVENTS_PUBLISHED, OUTBOX_LAG, OUTBOX_OLDEST, get_logger
from shared.tracing import (
    context_of,
    headers_of,
    is_sampled,
    messaging_attributes,
    recording,
    tracer,
)

log = get_logger(__name__)


def _lock_id(service: str) -> int:
    return zlib.crc32(f"gpfed.outbox.{service}".encode())


class OutboxRelay:
    def __init__(
        self,
        db: Database,
        producer: AIOKafkaProducer,
        *,
        batch_size: int = 500,
        batches_per_transaction: int = 5,
        poll_interval: float = 0.2,
        max_backoff: float = 5.0,
        recover: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.db = db
        self.producer = producer
        self.batch_size = batch_size
        #: Bounds one transaction (and so a re-publish after a crash) and keeps lag gauges fresh.
        self.batches_per_transaction = batches_per_transaction
        self.poll_interval = poll_interval
        self.max_backoff = max_backoff
        #: Called after a failed batch, e.g. to re-create topics a restarted broker lost.
        self.recover = recover
        self.outbox = db.table("outbox")
        self.pending = db.table("outbox_pending")
        self.published = 0
        # On PostgreSQL a batch is one statement, sent straight to asyncpg: measured against
        # SQLAlchemy's execute, two to three microseconds less of the relay's CPU per message,
        # which is what bounds the relay on a small machine.
        self._take_sql = DriverStatement(self._take_statement())

    async def run(self, stop: asyncio.Event) -> None:
        """Relay until ``stop`` is set, finishing the batch in flight."""
        backoff = self.poll_interval
        while not stop.is_set():
            # Cleared before the read, so a commit landing during the pass wakes the next one.
            self.db.outbox_written.clear()
            try:
                sent = await self.relay_once()
                backoff = self.poll_interval
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("relay batch failed; will retry", error=repr(exc), backoff=backoff)
                await self._record_failure(exc)
                # Keep the lag gauges moving while the broker is down, so "outbox stuck" alerts.
                await self._update_lag_quietly()
                await sleep_or_stop(stop, backoff)
                await self._recover()
                backoff = min(backoff * 2, self.max_backoff)
                continue
            if sent < self.batch_size * self.batches_per_transaction:
                await self._update_lag_quietly()
                # Wake on a commit (same process) or poll (other replicas, replays).
                waiter = asyncio.ensure_future(self.db.outbox_written.wait())
                stopper = asyncio.ensure_future(stop.wait())
                await asyncio.wait(
                    {waiter, stopper},
                    timeout=self.poll_interval,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                waiter.cancel()
                stopper.cancel()

    async def relay_once(self) -> int:
        """Publish unsent rows, up to ``batches_per_transaction`` batches in one transaction;
        returns how many were published.

        Pipelined, so that the database and the broker work while the relay sends: the next
        batch is taken while this one is handed to the producer, and the acks are awaited
        once, for all the batches, before the commit (as if they were one batch: in flight
        together, in id order). Every batch is taken in the transaction that holds the
        advisory lock, so a crash anywhere before the commit re-publishes the lot (at least
        once, as ever) and one relay at a time publishes, in id order."""
        acks: list[asyncio.Future[Any]] = []
        topics: Counter[str] = Counter()
        taking: asyncio.Future[Sequence[Any]] | None = None
        async with self.db.sessions() as session, session.begin():
            if self.db.is_postgres:
                locked = await session.scalar(
                    select(func.pg_try_advisory_xact_lock(_lock_id(self.db.service)))
                )
                if not locked:
                    return 0
            try:
                rows = await self.take(session)
                for batch in range(self.batches_per_transaction):
                    if not rows:
                        break
                    if len(rows) == self.batch_size and batch + 1 < self.batches_per_transaction:
                        taking = asyncio.ensure_future(self.take(session))
                    sent, to = await send_rows(self.producer, rows)
                    acks += sent
                    topics += to
                    rows = await taking if taking is not None else ()
                    taking = None
                await all_acked(acks)
                self.acknowledged(topics)
            finally:
                # Only on a failure is a batch still being taken: let it end before the
                # rollback (cancelling a statement midway would cost the connection).
                if taking is not None:
                    with contextlib.suppress(Exception):
                        await taking
        self.published += len(acks)
        return len(acks)

    def acknowledged(self, topics: Counter[str]) -> None:
        """The broker has acknowledged every row of the transaction, which commits next (and
        so takes their ids out of ``outbox_pending`` for good)."""
        for topic, sent in topics.items():
            EVENTS_PUBLISHED.labels(self.db.service, topic).inc(sent)

    def _take_statement(self) -> Any:
        """PostgreSQL's batch: the first ``limit`` pending ids, deleted, and their rows in id
        order, as :func:`outbox_columns`. The ids are gathered into an array first, so the
        delete finds them by the primary key rather than joining the whole pending table."""
        first = (
            select(self.pending.c.id)
            .order_by(self.pending.c.id)
            .limit(bindparam("limit"))
            .scalar_subquery()
        )
        taken = (
            delete(self.pending)
            .where(self.pending.c.id == any_(func.array(first)))
            .returning(self.pending.c.id)
            .cte("taken")
        )
        return (
            select(*outbox_columns(self.outbox))
            .join_from(taken, self.outbox, self.outbox.c.id == taken.c.id)
            .order_by(self.outbox.c.id)
        )

    def _unsent_query(self, limit: int) -> Select[Any]:
        return (
            select(*outbox_columns(self.outbox))
            .join_from(self.pending, self.outbox, self.outbox.c.id == self.pending.c.id)
            .order_by(self.pending.c.id)
            .limit(limit)
        )

    async def take(self, session: AsyncSession) -> Sequence[Any]:
        """The next unsent rows, in id order, as :func:`outbox_columns`, their ids taken out
        of ``outbox_pending`` within the session's transaction."""
        if self.db.is_postgres:
            driver = await driver_connection(session)
            rows: Sequence[Any] = await driver.fetch(
                self._take_sql.sql, *self._take_sql.args(limit=self.batch_size)
            )
            return rows
        result: Sequence[Any] = (await session.execute(self._unsent_query(self.batch_size))).all()
        if result:
            await session.execute(
                delete(self.pending).where(self.pending.c.id.in_([row[0] for row in result]))
            )
        return result

    async def _record_failure(self, exc: Exception) -> None:
        try:
            async with self.db.sessions() as session, session.begin():
                first = await session.scalar(select(func.min(self.pending.c.id)))
                if first is not None:
                    await session.execute(
                        update(self.outbox)
                        .where(self.outbox.c.id == first)
                        .values(attempts=self.outbox.c.attempts + 1, last_error=repr(exc)[:2000])
                    )
        except Exception as db_exc:
            log.warning("could not record relay failure", error=repr(db_exc))

    async def _recover(self) -> None:
        if self.recover is None:
            return
        try:
            await self.recover()
        except Exception as exc:
            log.warning("relay recovery failed", error=repr(exc))

    async def _update_lag_quietly(self) -> None:
        """The gauges are worth a try, not the relay: a database that went away between
        the batch and this read must not end the loop (the next pass retries both)."""
        try:
            await self.update_lag()
        except Exception as exc:
            log.debug("could not update outbox gauges", error=repr(exc))

    async def update_lag(self) -> None:
        async with self.db.sessions() as session:
            count, oldest = (
                await session.execute(
                    select(func.count(), func.min(self.outbox.c.created_at)).join_from(
                        self.pending, self.outbox, self.outbox.c.id == self.pending.c.id
                    )
                )
            ).one()
        OUTBOX_LAG.labels(self.db.service).set(count)
        if oldest is not None:
            oldest = oldest if oldest.tzinfo else oldest.replace(tzinfo=UTC)
            OUTBOX_OLDEST.labels(self.db.service).set((datetime.now(UTC) - oldest).total_seconds())
        else:
            OUTBOX_OLDEST.labels(self.db.service).set(0)


async def send_rows(
    producer: AIOKafkaProducer, rows: Sequence[Any]
) -> tuple[list[asyncio.Future[Any]], Counter[str]]:
    """Hand outbox rows (read with :func:`outbox_columns`) to the producer; returns the
    futures of their acks (acks=all) and how many went to each topic.

    A row whose stored context is sampled gets a ``send`` span, the child of that context, and
    the record carries the span's context; any other row carries its stored context as it is
    (a trace not sampled stays so downstream), and costs no span."""
    futures = []
    # Counted at C speed, not row by row.
    topics = Counter(map(itemgetter(1), rows))
    # The tracer once a batch: getting one costs a few microseconds.
    spans = tracer() if recording() else None
    for row in rows:
        span = None
        if spans is not None and is_sampled(row[TRACEPARENT_AT]):
            span = _send_span(spans, row)
        topic, key, value, headers = outbox_message(row, None if span is None else headers_of(span))
        futures.append(await producer.send(topic, value, key=key, headers=headers))
        if span is not None:
            # Handed to the producer; the ack is the batch's, awaited apart.
            span.end()
    return futures, topics


def _send_span(spans: Tracer, row: Any) -> Span:
    """The producer span of one outbox row: the child of the context stored with it."""
    topic = row[1]
    return spans.start_span(
        f"send {topic}",
        context=context_of(row[TRACEPARENT_AT], row[TRACESTATE_AT]),
        kind=SpanKind.PRODUCER,
        attributes=messaging_attributes(topic, row[EVENT_ID_AT].decode(), "send"),
    )


async def all_acked(acks: Sequence[asyncio.Future[Any]]) -> None:
    """Wait for every ack, raising the first failure. One at a time, not ``gather``: a batch's
    acks arrive together, so all but a few are done when reached and cost nothing to await,
    where ``gather`` puts a callback on each (a tenth of the relay's CPU at 2,000 a batch)."""
    for ack in acks:
        await ack
