"""Alembic wiring: each service's ``migrations/env.py`` calls :func:`run_env`.

Migrations run synchronously from the command line (``gpfed migrate``), from the Kubernetes
migration Job, and from tests (in a worker thread, since Alembic drives its own event loop
for the async engine).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command, context, op
from alembic.config import Config
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    pool,
)
from sqlalchemy import text as sql
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import async_engine_from_config

from shared.db import create_engine
from shared.tables import Id, Json


def alembic_config(migrations_dir: Path, url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("version_locations", str(migrations_dir / "versions"))
    config.set_main_option("path_separator", "os")
    config.attributes["url"] = url
    return config


def upgrade(migrations_dir: Path, url: str, revision: str = "head") -> None:
    """Apply a service's migrations to ``url`` (creating a SQLite file's folder if needed)."""
    create_engine(url)  # creates var/ for SQLite; the engine itself is not kept
    command.upgrade(alembic_config(migrations_dir, url), revision)


def downgrade(migrations_dir: Path, url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(migrations_dir, url), revision)


def run_env(metadata: MetaData) -> None:
    """Body of every service's ``env.py``."""
    url = context.config.attributes.get("url") or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL: run migrations with `gpfed migrate`")
    sqlite = make_url(url).get_backend_name() == "sqlite"
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return

    def run(connection: Connection) -> None:
        # Batch mode lets ALTERs work on SQLite, which cannot alter most things in place.
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=sqlite)
        with context.begin_transaction():
            context.run_migrations()

    async def online() -> None:
        engine = async_engine_from_config(
            {"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool
        )
        async with engine.connect() as connection:
            await connection.run_sync(run)
        await engine.dispose()

    asyncio.run(online())


# --- the kernel tables, as every service's first revision creates them ------------------
# Written out (not metadata.create_all) so that revision 0001 stays what it was when later
# revisions change these tables.


def create_kernel_tables() -> None:
    op.create_table(
        "outbox",
        Column("id", Id, primary_key=True, autoincrement=True),
        Column("event_id", String(64), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("key", String(200), nullable=False),
        Column("ce_type", String(200), nullable=False),
        Column("ce_source", String(200), nullable=False),
        Column("ce_subject", String(200), nullable=False),
        Column("ce_time", DateTime(timezone=True), nullable=False),
        Column("payload", Json, nullable=False),
        Column("traceparent", String(64)),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("sent_at", DateTime(timezone=True)),
        Column("attempts", Integer, nullable=False, server_default=sql("0")),
        Column("last_error", Text),
        PrimaryKeyConstraint("id", name="pk_outbox"),
        UniqueConstraint("event_id", name="uq_outbox_event_id"),
    )
    op.create_index(
        "ix_outbox_unsent",
        "outbox",
        ["id"],
        postgresql_where=sql("sent_at IS NULL"),
        sqlite_where=sql("sent_at IS NULL"),
    )
    op.create_index("ix_outbox_created_at", "outbox", ["created_at"])
    op.create_table(
        "inbox",
        Column("source", String(200), nullable=False),
        Column("event_id", String(64), nullable=False),
        Column("ce_type", String(200), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("received_at", DateTime(timezone=True), nullable=False),
        PrimaryKeyConstraint("source", "event_id", name="pk_inbox"),
    )
    op.create_table(
        "idempotency_keys",
        Column("key", String(200), nullable=False),
        Column("principal", String(200), nullable=False),
        Column("method", String(10), nullable=False),
        Column("path", String(500), nullable=False),
        Column("request_hash", String(64), nullable=False),
        Column("status_code", Integer),
        Column("response_body", Text),
        Column("response_content_type", String(200)),
        Column("created_at", DateTime(timezone=True), nullable=False),
        PrimaryKeyConstraint("key", "principal", name="pk_idempotency_keys"),
    )
    op.create_table(
        "audit_log",
        Column("id", Id, primary_key=True, autoincrement=True),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("request_id", String(64), nullable=False),
        Column("subject", String(200)),
        Column("role", String(40)),
        Column("org", String(20)),
        Column("method", String(10), nullable=False),
        Column("path", String(500), nullable=False),
        Column("status_code", Integer, nullable=False),
        PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    # Append-only: on PostgreSQL the database itself refuses to rewrite the audit trail.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION gpfed_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
            """
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION gpfed_refuse_change()"
        )


def drop_kernel_tables() -> None:
    for table in ("audit_log", "idempotency_keys", "inbox", "outbox"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS gpfed_refuse_change() CASCADE")
