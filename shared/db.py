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

from sqlalchemy import (
    ARRAY,
    BigInteger,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    cast,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.sql.functions import FunctionElement

from shared.events import Envelope, Event, source_of, topic_of
from shared.events.envelope import Headers
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
            outbox = self.db.table("outbox")
            written = await self.session.execute(
                insert(outbox).returning(outbox.c.id),
                [outbox_row(e, topic=self.db.topic, created_at=now) for e in self._pending],
            )
            await mark_pending(self.session, self.db, list(written.scalars()))
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


async def mark_pending(session: AsyncSession, db: Database, ids: list[int]) -> None:
    """Put the ids of outbox rows just written in ``outbox_pending``, in the same transaction:
    what the relay will publish."""
    pending = db.table("outbox_pending")
    if db.is_postgres:
        # One array parameter, however many events the unit of work published.
        await session.execute(
            insert(pending).from_select(
                ["id"], select(func.unnest(bindparam("ids", type_=ARRAY(BigInteger))))
            ),
            {"ids": ids},
        )
        return
    await session.execute(insert(pending), [{"id": i} for i in ids])


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
    """What the relay and replay read of an outbox row: the CloudEvent's attributes and data
    in their wire form, UTF-8 bytes encoded (and the time formatted) by the database, so that
    the relay's process builds a message from them without decoding a string only to encode
    it again: that took half its CPU above the producer's own. The trace context stays text,
    for the relay's span. :func:`outbox_message` relies on this order."""
    return [
        outbox.c.id,
        outbox.c.topic,
        _Utf8(outbox.c.event_id).label("ce_id"),
        _Utf8(outbox.c.ce_type).label("ce_type"),
        _Utf8(outbox.c.ce_source).label("ce_source"),
        _Utf8(outbox.c.ce_subject).label("ce_subject"),
        _Utf8(_Rfc3339(outbox.c.ce_time)).label("ce_time"),
        outbox.c.traceparent,
        outbox.c.tracestate,
        _Utf8(cast(outbox.c.payload, Text)).label("payload_json"),
    ]


#: Where :func:`outbox_columns` puts the event id and the stored trace context.
EVENT_ID_AT, TRACEPARENT_AT, TRACESTATE_AT = 2, 7, 8

# Headers every message carries alike, shared rather than built per message.
_SPECVERSION = ("ce_specversion", b"1.0")
_JSON = ("content-type", b"application/json")


def outbox_message(
    row: Any, trace: dict[str, str] | None = None
) -> tuple[str, bytes, bytes, Headers]:
    """(topic, key, value, headers) of a row read with :func:`outbox_columns`, for a producer;
    its trace headers are ``trace`` (the relay's send span) if given, else the stored context.

    The binary-mode message of :func:`shared.events.envelope.kafka_message`, headers in its
    order, from the bytes the database encoded (tests/integration/test_bus.py checks the two
    agree, on both databases). The row is unpacked by position: reading its fields by name
    cost the relay half as much again as building the message from them."""
    _, topic, event_id, ce_type, ce_source, ce_subject, ce_time, parent, state, payload = row
    headers: Headers = [
        ("ce_id", event_id),
        ("ce_source", ce_source),
        ("ce_type", ce_type),
        _SPECVERSION,
        ("ce_time", ce_time),
        ("ce_subject", ce_subject),
        _JSON,
    ]
    if trace:
        parent, state = trace[TRACEPARENT], trace.get(TRACESTATE)
    if parent:
        headers.append((TRACEPARENT, parent.encode()))
        if state:
            headers.append((TRACESTATE, state.encode()))
    return topic, ce_subject, payload, headers


class _Utf8(FunctionElement[bytes]):
    """A text expression's UTF-8 bytes, computed by the database."""

    type = LargeBinary()
    inherit_cache = True


@compiles(_Utf8, "postgresql")
def _utf8_postgres(element: _Utf8, compiler: SQLCompiler, **kw: Any) -> str:
    # Not CAST(... AS bytea), which reads backslashes in the text as escapes.
    return f"convert_to({compiler.process(element.clauses, **kw)}, 'UTF8')"


@compiles(_Utf8)
def _utf8_sqlite(element: _Utf8, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS BLOB)"


class _Rfc3339(FunctionElement[str]):
    """A timestamp as ``datetime.isoformat`` writes it in UTC, "+00:00" as "Z" (what
    :func:`~shared.events.envelope.kafka_message` sends): microseconds, unless none."""

    type = String()
    inherit_cache = True


@compiles(_Rfc3339, "postgresql")
def _rfc3339_postgres(element: _Rfc3339, compiler: SQLCompiler, **kw: Any) -> str:
    utc = f"({compiler.process(element.clauses, **kw)} AT TIME ZONE 'UTC')"
    return (
        f"to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE to_char({utc}, 'US') "
        f"WHEN '000000' THEN '' ELSE to_char({utc}, '.US') END || 'Z'"
    )


@compiles(_Rfc3339)
def _rfc3339_sqlite(element: _Rfc3339, compiler: SQLCompiler, **kw: Any) -> str:
    # Stored by SQLAlchemy as "YYYY-MM-DD HH:MM:SS.ffffff", in UTC (the envelope's time).
    stamp = compiler.process(element.clauses, **kw)
    return (
        f"replace(substr({stamp}, 1, 19), ' ', 'T') || CASE WHEN substr({stamp}, 20) "
        f"IN ('', '.000000') THEN '' ELSE substr({stamp}, 20) END || 'Z'"
    )


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
