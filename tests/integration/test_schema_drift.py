"""Every service's migrations build exactly the schema its tables describe (``store.py`` and
the kernel's ``shared/tables.py``), on PostgreSQL and on the embedded SQLite: a table, column,
index or constraint changed in one place and not the other fails here."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import create_async_engine

from gpfed.services import SERVICES
from shared.migrations import upgrade
from tests.conftest import database_url, recreate_databases

pytestmark = pytest.mark.integration


async def _drift(url: str, metadata: MetaData) -> list[Any]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), metadata)
            )
    finally:
        await engine.dispose()


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_the_migrated_postgresql_schema_is_the_one_the_tables_describe(
    postgres: dict[str, str], service: str
) -> None:
    # A database of its own: other tests add tables of theirs (probes) to the shared ones.
    name = f"{os.environ.get('GPFED_TEST_DB_PREFIX', 'gpfed_test')}_drift_{service}"
    asyncio.run(recreate_databases([name]))
    url = database_url(name)
    upgrade(SERVICES[service].migrations, url)
    assert asyncio.run(_drift(url, SERVICES[service].metadata)) == []


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_the_migrated_sqlite_schema_is_the_one_the_tables_describe(
    service: str, tmp_path: Path
) -> None:
    # Synchronous: Alembic drives its own event loop for the async engine.
    url = f"sqlite+aiosqlite:///{tmp_path / (service + '.db')}"
    upgrade(SERVICES[service].migrations, url)
    assert asyncio.run(_drift(url, SERVICES[service].metadata)) == []
