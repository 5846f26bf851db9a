"""Alembic wiring: each service's ``migrations/env.py`` calls :func:`run_env`.

Migrations run synchronously from the command line (``gpfed migrate``, which is also each
Kubernetes pod's init container, under an advisory lock: gpfed/migrate.py) and from tests (in
a worker thread, since Alembic drives its own event loop for the async engine).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command, context, op
from alembic.config import Config
from sqlalchemy import Column, MetaData, String, inspect, pool, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import async_engine_from_config

from shared.db import create_engine
from shared.tables import NAMING_CONVENTION, add_kernel_tables


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
# Defined once, in shared/tables.py: revision 0001 creates them from that definition, and
# tests/integration/test_schema_drift.py proves every service's migrated schema equals its
# MetaData. A later change to a kernel table therefore needs a revision in every service that
# changes existing databases and finds nothing to do on one that 0001 just created.

#: The kernel's tables in the order they are created (none refers to another).
KERNEL_TABLES = ("outbox", "outbox_pending", "inbox", "idempotency_keys", "audit_log")


def create_kernel_tables() -> None:
    kernel = MetaData(naming_convention=NAMING_CONVENTION)
    add_kernel_tables(kernel)
    bind = op.get_bind()
    for name in KERNEL_TABLES:
        kernel.tables[name].create(bind)
    # Append-only: on PostgreSQL the database itself refuses to rewrite the audit trail.
    if bind.dialect.name == "postgresql":
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
    # A later kernel revision's downgrade may have dropped a table this one created.
    existing = set(inspect(op.get_bind()).get_table_names())
    for table in reversed(KERNEL_TABLES):
        if table in existing:
            op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS gpfed_refuse_change() CASCADE")


def add_outbox_tracestate() -> None:
    """Kernel revision 2 (each service's own migration calls it): the outbox keeps the W3C
    ``tracestate`` beside the ``traceparent``. A database first built after this revision
    already has it, since :func:`create_kernel_tables` builds from the kernel's current
    tables."""
    if "tracestate" not in {c["name"] for c in inspect(op.get_bind()).get_columns("outbox")}:
        op.add_column("outbox", Column("tracestate", String(512), nullable=True))


def drop_outbox_tracestate() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("tracestate")


def add_outbox_pending() -> None:
    """Kernel revision 3 (each service's own migration calls it): the ids of unsent outbox
    rows move to the narrow ``outbox_pending``, which the relay deletes from instead of
    rewriting each wide outbox row to set ``sent_at``. Rows unsent at the upgrade are
    backfilled, so none is lost; the partial index of unsent rows goes, its predicate
    (``sent_at IS NULL``) no longer meaning unsent. On PostgreSQL the payload becomes
    ``json`` (rewriting the table once, under a lock: on a long history, a pause in writes).
    A database first built after this revision already has all of it
    (:func:`create_kernel_tables`)."""
    bind = op.get_bind()
    inspector = inspect(bind)
    if "outbox_pending" not in inspector.get_table_names():
        kernel = MetaData(naming_convention=NAMING_CONVENTION)
        add_kernel_tables(kernel)
        kernel.tables["outbox_pending"].create(bind)
        op.execute("INSERT INTO outbox_pending (id) SELECT id FROM outbox WHERE sent_at IS NULL")
    if "ix_outbox_unsent" in {i["name"] for i in inspector.get_indexes("outbox")}:
        op.drop_index("ix_outbox_unsent", table_name="outbox")
    payload = next(c for c in inspector.get_columns("outbox") if c["name"] == "payload")
    if isinstance(payload["type"], JSONB):
        # The payload as the text written (shared/tables.py).
        op.execute("ALTER TABLE outbox ALTER COLUMN payload TYPE json USING payload::json")


def drop_outbox_pending() -> None:
    """Back to ``sent_at``: rows no longer pending are stamped as sent now (their real time
    is not kept), then the partial index of unsent rows returns."""
    op.execute(
        "UPDATE outbox SET sent_at = CURRENT_TIMESTAMP WHERE sent_at IS NULL "
        "AND id NOT IN (SELECT id FROM outbox_pending)"
    )
    op.drop_table("outbox_pending")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE outbox ALTER COLUMN payload TYPE jsonb USING payload::jsonb")
    op.create_index(
        "ix_outbox_unsent",
        "outbox",
        ["id"],
        postgresql_where=text("sent_at IS NULL"),
        sqlite_where=text("sent_at IS NULL"),
    )
