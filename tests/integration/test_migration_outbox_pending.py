"""Kernel revision 3 on a database built before it, on SQLite and on PostgreSQL: the rows the
relay had not sent become pending (none is lost, none sent twice), the index of unsent rows
goes; downgrading stamps what was sent since and brings the index back."""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import create_async_engine

from services.federation.app import MIGRATIONS
from shared.migrations import downgrade, upgrade
from tests.conftest import database_url, recreate_databases

pytestmark = pytest.mark.integration

AT = datetime(2026, 11, 30, 12, tzinfo=UTC)
BEFORE = "0007"  # the federation's revision before kernel revision 3


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'federation.db'}"
    request.getfixturevalue("postgres")  # a server, or the skip/fail the suite decides
    name = f"{os.environ.get('GPFED_TEST_DB_PREFIX', 'gpfed_test')}_federation_pending"
    asyncio.run(recreate_databases([name]))
    return database_url(name)


async def _fill_before(url: str) -> None:
    """Five rows as the relay left them: 1, 2 and 4 sent, 3 and 5 not."""
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        for i in range(1, 6):
            await connection.execute(
                text(
                    "INSERT INTO outbox (id, event_id, topic, key, ce_type, ce_source, "
                    "ce_subject, ce_time, payload, created_at, sent_at, attempts) VALUES "
                    "(:id, :event_id, 't', 'k', 'gpfed.x', '/s', 'k', CURRENT_TIMESTAMP, '{}', "
                    "CURRENT_TIMESTAMP, :sent_at, 0)"
                ),
                {"id": i, "event_id": f"e-{i}", "sent_at": AT if i in (1, 2, 4) else None},
            )
    await engine.dispose()


async def _execute(url: str, sql: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text(sql))
    await engine.dispose()


async def _query(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_async_engine(url)
    async with engine.connect() as connection:
        rows = [tuple(r) for r in (await connection.execute(text(sql))).all()]
    await engine.dispose()
    return rows


async def _payload_type(url: str) -> object:
    [(found,)] = await _query(
        url,
        "SELECT data_type FROM information_schema.columns "
        "WHERE table_name = 'outbox' AND column_name = 'payload'",
    )
    return found


async def _indexes(url: str) -> set[str]:
    engine = create_async_engine(url)
    async with engine.connect() as connection:
        names = await connection.run_sync(
            lambda sync: {i["name"] for i in inspect(sync).get_indexes("outbox")}
        )
    await engine.dispose()
    return names


def test_unsent_rows_become_pending_and_the_downgrade_marks_what_was_sent(url: str) -> None:
    upgrade(MIGRATIONS, url, BEFORE)
    # Revision 0001 builds the kernel's tables as they are now: as they were before revision 3,
    # no pending table, and the partial index the relay scanned.
    asyncio.run(_execute(url, "DROP TABLE outbox_pending"))
    asyncio.run(_execute(url, "CREATE INDEX ix_outbox_unsent ON outbox (id) WHERE sent_at IS NULL"))
    postgres = url.startswith("postgresql")
    if postgres:
        asyncio.run(_execute(url, "ALTER TABLE outbox ALTER COLUMN payload TYPE jsonb"))
    asyncio.run(_fill_before(url))
    assert "ix_outbox_unsent" in asyncio.run(_indexes(url))

    upgrade(MIGRATIONS, url)
    assert asyncio.run(_query(url, "SELECT id FROM outbox_pending ORDER BY id")) == [(3,), (5,)]
    assert "ix_outbox_unsent" not in asyncio.run(_indexes(url))
    if postgres:  # the payload kept as the JSON text written, and none lost
        assert asyncio.run(_payload_type(url)) == "json"
    assert asyncio.run(_query(url, "SELECT count(*) FROM outbox WHERE payload IS NOT NULL")) == [
        (5,)
    ]

    # The relay sends 3 since; 5 is still pending when the revision is rolled back.
    asyncio.run(_execute(url, "DELETE FROM outbox_pending WHERE id = 3"))
    downgrade(MIGRATIONS, url, BEFORE)
    unsent = asyncio.run(_query(url, "SELECT id FROM outbox WHERE sent_at IS NULL ORDER BY id"))
    assert unsent == [(5,)]
    assert "ix_outbox_unsent" in asyncio.run(_indexes(url))
    if postgres:
        assert asyncio.run(_payload_type(url)) == "jsonb"
