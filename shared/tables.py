"""The tables every service's database holds besides its own: the kernel's.

- ``outbox``: events written in the same transaction as the state change; kept after they
  are sent, so that history can be replayed to a broker that lost it.
- ``outbox_pending``: the ids of outbox rows not yet sent, written with them; the relay
  deletes an id once its event is published (deleting a narrow row is far cheaper than
  rewriting the wide outbox row, and the table stays as small as the backlog).
- ``inbox``: ids of events a consumer has applied, written with the handler's effects.
- ``idempotency_keys``: first responses to POSTs that carried an ``Idempotency-Key``.
- ``audit_log``: who changed what, when, under which request id; append-only.

Each service's ``store.py`` puts its own tables on ``metadata`` (via :func:`service_metadata`)
so that one MetaData, and so one Alembic history, describes the whole database.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

#: BIGINT on PostgreSQL, INTEGER on SQLite (where only INTEGER PRIMARY KEY autoincrements).
Id = BigInteger().with_variant(Integer(), "sqlite")
#: JSONB on PostgreSQL, JSON text elsewhere.
Json = JSON().with_variant(JSONB(), "postgresql")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata() -> MetaData:
    """A MetaData holding the kernel tables, for a service to add its own to."""
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    add_kernel_tables(metadata)
    return metadata


def add_kernel_tables(metadata: MetaData) -> None:
    Table(
        "outbox",
        metadata,
        Column("id", Id, primary_key=True, autoincrement=True),
        Column("event_id", String(64), nullable=False),
        UniqueConstraint("event_id", name="uq_outbox_event_id"),
        Column("topic", String(200), nullable=False),
        Column("key", String(200), nullable=False),
        Column("ce_type", String(200), nullable=False),
        Column("ce_source", String(200), nullable=False),
        Column("ce_subject", String(200), nullable=False),
        Column("ce_time", DateTime(timezone=True), nullable=False),
        # JSON, not JSONB, on PostgreSQL too: kept as the text the unit of work wrote, which
        # the relay sends as it is; JSONB parsed it on every write and printed it anew on every
        # read, a third of PostgreSQL's work per relayed event. Nothing queries inside it.
        Column("payload", JSON(), nullable=False),
        Column("traceparent", String(64)),
        # W3C trace-context: vendors' state travelling with the traceparent (at most 512).
        Column("tracestate", String(512)),
        Column("created_at", DateTime(timezone=True), nullable=False),
        # Set by the relay before outbox_pending (kernel revision 3); no longer written, so
        # NULL says nothing: an unsent row is one whose id is in outbox_pending.
        Column("sent_at", DateTime(timezone=True)),
        # Failed relay passes that stopped at this row, and the last one's error.
        Column("attempts", Integer, nullable=False, server_default=text("0")),
        Column("last_error", Text),
        Index("ix_outbox_created_at", "created_at"),
    )
    Table(
        "outbox_pending",
        metadata,
        # No foreign key: checking one would cost every write, and only the relay, which
        # joins the two, reads this table.
        Column("id", Id, primary_key=True, autoincrement=False),
    )
    Table(
        "inbox",
        metadata,
        Column("source", String(200), nullable=False),
        Column("event_id", String(64), nullable=False),
        Column("ce_type", String(200), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("received_at", DateTime(timezone=True), nullable=False),
        PrimaryKeyConstraint("source", "event_id"),
    )
    Table(
        "idempotency_keys",
        metadata,
        Column("key", String(200), nullable=False),
        Column("principal", String(200), nullable=False),
        Column("method", String(10), nullable=False),
        Column("path", String(500), nullable=False),
        Column("request_hash", String(64), nullable=False),
        Column("status_code", Integer),
        Column("response_body", Text),
        Column("response_content_type", String(200)),
        Column("created_at", DateTime(timezone=True), nullable=False),
        PrimaryKeyConstraint("key", "principal"),
    )
    Table(
        "audit_log",
        metadata,
        Column("id", Id, primary_key=True, autoincrement=True),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("request_id", String(64), nullable=False),
        Column("subject", String(200)),
        Column("role", String(40)),
        Column("org", String(20)),
        Column("method", String(10), nullable=False),
        Column("path", String(500), nullable=False),
        Column("status_code", Integer, nullable=False),
        Index("ix_audit_log_at", "at"),
    )
