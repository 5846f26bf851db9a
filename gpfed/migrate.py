"""``gpfed migrate``: a service's Alembic history, applied once however many run it at once.

On Kubernetes every pod of a service runs it as an init container (docs/operations.md,
"Migrations on release"), so the replicas of a release start it together. On PostgreSQL a
session advisory lock, held on a connection of its own while Alembic runs on another, lets
one of them migrate while the others wait, then find the database at head and do nothing.
A pod that dies while migrating closes its connection, which releases the lock; Alembic's
own transaction has rolled back by then, so the next one starts from a clean revision.
"""

from __future__ import annotations

import asyncio
import zlib
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.db import create_engine
from shared.migrations import upgrade

#: Per database (PostgreSQL scopes advisory locks to one), and apart from the relay's keys.
MIGRATION_LOCK = zlib.crc32(b"gpfed.migrations")


async def migrate_once(migrations: Path, url: str) -> tuple[str | None, str | None]:
    """Upgrade to head under the lock; the revisions (None: an empty database) before and
    after, so the caller can say whether this run migrated anything."""
    engine = create_engine(url, pool_size=1, max_overflow=0)
    locking = engine.dialect.name == "postgresql"
    try:
        async with engine.connect() as connection:
            # Autocommit: the lock is the session's, and no transaction stays open for it.
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            if locking:
                await connection.execute(text(f"SELECT pg_advisory_lock({MIGRATION_LOCK})"))
            try:
                before = await _revision(connection)
                # Alembic runs its own event loop (shared/migrations.py): in a thread, not here.
                await asyncio.to_thread(upgrade, migrations, url)
                return before, await _revision(connection)
            finally:
                if locking:
                    await connection.execute(text(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
    finally:
        await engine.dispose()


async def _revision(connection: AsyncConnection) -> str | None:
    return await connection.run_sync(
        lambda sync: MigrationContext.configure(sync).get_current_revision()
    )
