"""Engines, sessions and the unit of work.

One :class:`Database` per service process. A :class:`UnitOfWork` is one transaction: the
state change and the outbox rows for the events it publishes commit together or not at all
(docs/architecture.md, "Events"), which is what makes "at least once" delivery safe to build on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import MetaData, Table, Text, cast, event, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement

from shared.events import Envelope, Event, source_of, topic_of
from shared.events.envelope import Headers, kafka_message
from shared.tracing import TRACEPARENT, TRACESTATE, current_trace_headers


def create_engine(
    url: str,
    *,
    pool_size: int = 4,
    max_overflow: int = 1,
    echo: bool = False,
    statement_timeout_seconds: float | None = None,
) -> AsyncEngine:
    """An async engine for PostgreSQL (asyncpg) or SQLite (aiosqlite).

    ``statement_timeout_seconds`` sets PostgreSQL's ``statement_timeout`` on every connection,
    so that no statement (nor a wait for a lock) holds a request or a connection for ever;
    SQLite has no such setting and ignores it."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, echo=echo, connect_args={"timeout": 30})

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # WAL lets the relay read while a request writes; foreign keys are off by default.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    connect_args: dict[str, Any] = {}
    if statement_timeout_seconds is not None:
        # In milliseconds; asyncpg sets it when it opens each connection of the pool.
        milliseconds = max(1, round(statement_timeout_seconds * 1000))
        connect_args["server_settings"] = {"statement_timeout": str(milliseconds)}
    return create_async_engine(
        url,
        echo=echo,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_pre_ping=True,
        connect_args=connect_args,
    )


class Database:
    """A service's database: engine, sessions, its tables and the outbox signal."""

    def __init__(
        self,
        url: str,
        metadata: MetaData,
        *,
        service: str,
        pool_size: int = 4,
        max_overflow: int = 1,
        echo: bool = False,
        statement_timeout_seconds: float | None = None,
    ) -> None:
        self.url = url
        self.metadata = metadata
        self.service = service
        self.source = source_of(service)
        self.topic = topic_of(service)
        self.engine = create_engine(
            url,
            pool_size=pool_size,
            max_overflow=max_overflow,
            echo=echo,
            statement_timeout_seconds=statement_timeout_seconds,
        )
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        #: Set when a unit of work commits events, so the relay wakes without waiting to poll.
        self.outbox_written = asyncio.Event()

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def table(self, name: str) -> Table:
        return self.metadata.tables[name]

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self)

    async def ping(self) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


class UnitOfWork:
    """One transaction: state changes and the events they publish commit together.

    ``async with db.unit_of_work() as uow: ...; uow.publish(event); await uow.commit()``.
    Leaving the block without committing rolls everything back, events included.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.session: AsyncSession = db.sessions()
        self._pending: list[Envelope] = []
        self._committed = False

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self._committed:
            await self.session.rollback()
        await self.session.close()

    def publish(self, event: Event) -> Envelope:
        """Queue an event for the outbox; it is written only if the transaction commits."""
        if event.producer != self.db.service:
            raise ValueError(f"{self.db.service} cannot publish {event.ce_type}")
        # The context of the span current now (the request's, or the consumer's process span):
        # the relay's send span is its child, and the tracestate travels on with it.
        trace = current_trace_headers()
        envelope = Envelope.wrap(
            event,
            source=self.db.source,
            traceparent=trace.get(TRACEPARENT),
            tracestate=trace.get(TRACESTATE),
        )
        self._pending.append(envelope)
        return envelope

    @property
    def published(self) -> Sequence[Envelope]:
        return tuple(self._pending)

    async def commit(self) -> None:
        if self._pending:
            now = datetime.now(UTC)
            await self.session.execute(
                insert(self.db.table("outbox")),
                [outbox_row(e, topic=self.db.topic, created_at=now) for e in self._pending],
            )
        await self.session.commit()
        self._committed = True
        if self._pending:
            self.db.outbox_written.set()

    async def rollback(self) -> None:
        self._pending.clear()
        await self.session.rollback()


def insert_ignoring_conflicts(session: AsyncSession, table: Table) -> Any:
    """``INSERT ... ON CONFLICT DO NOTHING`` in the session's dialect (PostgreSQL or SQLite):
    the database, not a prior read, decides which of two concurrent writers wins."""
    dialect: Any = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def outbox_row(envelope: Envelope, *, topic: str, created_at: datetime) -> dict[str, Any]:
    return {
        "event_id": envelope.id,
        "topic": topic,
        "key": envelope.subject,
        "ce_type": envelope.type,
        "ce_source": envelope.source,
        "ce_subject": envelope.subject,
        "ce_time": envelope.time,
        "payload": envelope.data,
        "traceparent": envelope.traceparent,
        "tracestate": envelope.tracestate,
        "created_at": created_at,
    }


def outbox_columns(outbox: Table) -> list[Any]:
    """What the relay and replay read of an outbox row: the payload as its stored JSON text,
    sent as it is rather than decoded and encoded again. :func:`outbox_message` relies on
    this order."""
    return [
        outbox.c.id,
        outbox.c.topic,
        outbox.c.event_id,
        outbox.c.ce_type,
        outbox.c.ce_source,
        outbox.c.ce_subject,
        outbox.c.ce_time,
        outbox.c.traceparent,
        outbox.c.tracestate,
        cast(outbox.c.payload, Text).label("payload_json"),
    ]


#: Where :func:`outbox_columns` puts the event id and the stored trace context.
EVENT_ID_AT, TRACEPARENT_AT, TRACESTATE_AT = 2, 7, 8


def outbox_message(
    row: Any, trace: dict[str, str] | None = None
) -> tuple[str, bytes, bytes, Headers]:
    """(topic, key, value, headers) of a row read with :func:`outbox_columns`, for a producer;
    its trace headers are ``trace`` (the relay's send span) if given, else the stored context.

    The row is unpacked by position, in :func:`outbox_columns`' order: reading its
    fields by name cost the relay half as much again as building the message from them."""
    _, topic, event_id, ce_type, ce_source, ce_subject, ce_time, parent, state, payload = row
    if ce_time.tzinfo is None:
        ce_time = ce_time.replace(tzinfo=UTC)
    key, value, headers = kafka_message(
        id=event_id,
        source=ce_source,
        type=ce_type,
        subject=ce_subject,
        time=ce_time,
        data=payload.encode(),
        traceparent=trace[TRACEPARENT] if trace else parent,
        tracestate=trace.get(TRACESTATE) if trace else state,
    )
    return topic, key, value, headers


async def driver_connection(session: AsyncSession) -> Any:
    """The asyncpg connection under the session, inside the session's transaction.

    SQLAlchemy's asyncpg adapter begins its transaction lazily, on the first statement it
    sends itself; a statement sent straight to the driver before that would run (and, for an
    ``ON COMMIT DROP`` table, vanish) outside the unit of work, so one is sent first if needed.
    """
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection
    if not driver.is_in_transaction():
        await session.execute(select(1))
    return driver


class DriverStatement:
    """A Core statement compiled once for asyncpg, to run on :func:`driver_connection` where
    a hot path cannot afford SQLAlchemy's per-call parameter handling and result rows (the
    outbox relay). Rows come back as asyncpg ``Record``s: read them by position."""

    def __init__(self, statement: ClauseElement) -> None:
        compiled = statement.compile(dialect=PGDialect_asyncpg())  # type: ignore[no-untyped-call]
        assert isinstance(compiled, SQLCompiler)
        self.sql: str = compiled.string
        self._names: Sequence[str] = compiled.positiontup or ()
        self._defaults: dict[str, Any] = dict(compiled.params)

    def args(self, **values: Any) -> list[Any]:
        """The positional arguments, from named values and the statement's own literals."""
        params = {**self._defaults, **values}
        return [params[name] for name in self._names]
