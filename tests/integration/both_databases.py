"""The contracts service's database on PostgreSQL and on SQLite (``make run``'s), migrated to
head: for the kernel tests that must hold on both. Import the fixtures by name
(``from tests.integration.both_databases import db, url``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from gpfed.services import SERVICES
from shared.db import Database
from shared.migrations import upgrade


@pytest.fixture(params=["postgresql", "sqlite"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("clean")["contracts"])
    sqlite = f"sqlite+aiosqlite:///{tmp_path / 'contracts.db'}"
    upgrade(SERVICES["contracts"].migrations, sqlite)
    return sqlite


@pytest.fixture
async def db(url: str) -> AsyncIterator[Database]:
    database = Database(url, SERVICES["contracts"].metadata, service="contracts")
    yield database
    await database.dispose()
