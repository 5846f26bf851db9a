"""The outbox relay: publishes committed outbox rows in id order, then marks them sent.

A crash between publishing and marking re-publishes the batch on restart: delivery is at
least once, and consumers' inboxes make the effects exactly once. Rows are kept after
sending so that ``gpfed replay`` can re-publish history.

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
from typing import Any

from aiokafka import AIOKafkaProducer
from opentelemetry.trace import Span, SpanKind, Tracer
from sqlalchemy import ARRAY, BigInteger, Select, any_, bindparam, func, select, update
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
        self.published = 0
        # On PostgreSQL the two statements of every batch go straight to asyncpg: measured
        # against SQLAlchemy's execute, two to three microseconds less of the relay's CPU per
        # message, which is what bounds the relay on a small machine.
        self._unsent_sql = DriverStatement(
            self._unsent_query(bindparam("limit")).where(self.outbox.c.id > bindparam("after"))
        )
        self._mark_sql = DriverStatement(
            update(self.outbox)
            .where(self.outbox.c.id == any_(bindparam("ids", type_=ARRAY(BigInteger))))
            .values(sent_at=bindparam("now"), attempts=self.outbox.c.attempts + 1)
        )

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

        Pipelined, so that the database works while the relay sends: the next batch is read
        while the broker acknowledges this one, and this one is marked while the next is
        handed to the producer. Everything is marked in the transaction that holds the
        advisory lock, so a crash anywhere re-publishes the lot (at least once, as ever) and
        one relay at a time publishes, in id order."""
        published = 0
        marking: asyncio.Future[None] | None = None
        async with self.db.sessions() as session, session.begin():
            if self.db.is_postgres:
                locked = await session.scalar(
                    select(func.pg_try_advisory_xact_lock(_lock_id(self.db.service)))
                )
                if not locked:
                    return 0
            try:
                rows = await self._unsent(session)
                for batch in range(self.batches_per_transaction):
                    if not rows:
                        break
                    acks, topics = await send_rows(self.producer, rows)
                    # The session serves one statement at a time: the last mark first.
                    if marking is not None:
                        await marking
                    # Rows are read by position (asyncpg records): the id comes first.
                    following: Sequence[Any] = []
                    if len(rows) == self.batch_size and batch + 1 < self.batches_per_transaction:
                        following = await self._unsent(session, after=rows[-1][0])
                    await all_acked(acks)
                    for topic, sent in topics.items():
                        EVENTS_PUBLISHED.labels(self.db.service, topic).inc(sent)
                    marking = asyncio.ensure_future(
                        self.mark_sent(session, [row[0] for row in rows])
                    )
                    published += len(rows)
                    rows = following
                if marking is not None:
                    await marking
            finally:
                # Only on a failure is a mark still running: let it end before the rollback
                # (cancelling a statement midway would cost the connection).
                if marking is not None and not marking.done():
                    with contextlib.suppress(Exception):
                        await marking
        self.published += published
        return published

    def _unsent_query(self, limit: Any) -> Select[Any]:
        return (
            select(*outbox_columns(self.outbox))
            .where(self.outbox.c.sent_at.is_(None))
            .order_by(self.outbox.c.id)
            .limit(limit)
        )

    async def _unsent(self, session: AsyncSession, *, after: int = 0) -> Sequence[Any]:
        """The next unsent rows after id ``after``, in id order, as :func:`outbox_columns`."""
        if self.db.is_postgres:
            driver = await driver_connection(session)
            rows: Sequence[Any] = await driver.fetch(
                self._unsent_sql.sql, *self._unsent_sql.args(after=after, limit=self.batch_size)
            )
            return rows
        query = self._unsent_query(self.batch_size).where(self.outbox.c.id > after)
        result: Sequence[Any] = (await session.execute(query)).all()
        return result

    async def mark_sent(self, session: AsyncSession, ids: list[int]) -> None:
        now = datetime.now(UTC)
        if self.db.is_postgres:
            # One array parameter: an IN list would be a statement of as many parameters as
            # the batch has rows (asyncpg allows 32,767), planned anew per size.
            driver = await driver_connection(session)
            await driver.execute(self._mark_sql.sql, *self._mark_sql.args(ids=ids, now=now))
            return
        await session.execute(
            update(self.outbox)
            .where(self.outbox.c.id.in_(ids))
            .values(sent_at=now, attempts=self.outbox.c.attempts + 1)
        )

    async def _record_failure(self, exc: Exception) -> None:
        try:
            async with self.db.sessions() as session, session.begin():
                first = await session.scalar(
                    select(func.min(self.outbox.c.id)).where(self.outbox.c.sent_at.is_(None))
                )
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
                    select(func.count(), func.min(self.outbox.c.created_at)).where(
                        self.outbox.c.sent_at.is_(None)
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
    topics: Counter[str] = Counter()
    # The tracer once a batch: getting one costs a few microseconds.
    spans = tracer() if recording() else None
    for row in rows:
        span = None
        if spans is not None and is_sampled(row[TRACEPARENT_AT]):
            span = _send_span(spans, row)
        topic, key, value, headers = outbox_message(row, None if span is None else headers_of(span))
        topics[topic] += 1
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
        attributes=messaging_attributes(topic, row[EVENT_ID_AT], "send"),
    )


async def all_acked(acks: Sequence[asyncio.Future[Any]]) -> None:
    """Wait for every ack, raising the first failure. One at a time, not ``gather``: a batch's
    acks arrive together, so all but a few are done when reached and cost nothing to await,
    where ``gather`` puts a callback on each (a tenth of the relay's CPU at 2,000 a batch)."""
    for ack in acks:
        await ack
