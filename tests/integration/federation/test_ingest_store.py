"""The ingest repository functions on both backends: PostgreSQL (COPY straight into the
table, or through a temporary table when a record is already held; keys looked up through
``unnest`` of two arrays) and SQLite
(the bulk ``INSERT ... ON CONFLICT DO NOTHING``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from services.federation.domain.activity import Consultation
from services.federation.store import (
    consultations,
    held,
    metadata,
    record_consultations,
)
from shared.db import Database
from tests.integration.federation.conftest import consultation

pytestmark = pytest.mark.integration

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["postgresql", "sqlite"])
async def db(
    request: pytest.FixtureRequest, clean: dict[str, str], tmp_path: Path
) -> AsyncIterator[Database]:
    if request.param == "postgresql":
        # ``clean`` has migrated the database to head.
        database = Database(clean["federation"], metadata, service="federation")
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'federation.db'}"
        database = Database(url, metadata, service="federation")
        async with database.engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
    yield database
    await database.dispose()


def _records(*ids: str) -> list[Consultation]:
    return [Consultation.model_validate(consultation(i, site_ods="B86002")) for i in ids]


async def _rows(db: Database) -> list[tuple[str, str, str | None, datetime]]:
    async with db.sessions() as session:
        c = consultations.c
        result = await session.execute(
            select(c.id, c.period, c.site_ods, c.occurred_at).order_by(c.id)
        )
        return [(r.id, r.period, r.site_ods, r.occurred_at) for r in result]


def _keys(*ids: str, practice: str = "B86001") -> set[tuple[str, str]]:
    return {(practice, i) for i in ids}


async def test_only_new_records_are_inserted_and_those_held_returned(db: Database) -> None:
    async with db.unit_of_work() as uow:
        assert await record_consultations(uow.session, _records("a"), ["2026-05"], NOW) == set()
        await uow.commit()
    async with db.unit_of_work() as uow:
        keys = sorted(_keys("a", "b", "c") | _keys("a", practice="B86002"))
        assert await held(uow.session, keys) == _keys("a")
        assert await held(uow.session, []) == set()
        assert await record_consultations(uow.session, _records("d"), ["2026-05"], NOW) == set()
        # "a" is held already: the direct COPY fails, and its fallback must keep "b".
        skipped = await record_consultations(
            uow.session, _records("a", "b"), ["2026-05", "2026-05"], NOW
        )
        assert skipped == _keys("a")
        # A second call in the same transaction sees none of the first call's rows again.
        assert await record_consultations(uow.session, _records("c"), ["2026-05"], NOW) == set()
        await uow.commit()
    rows = await _rows(db)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("a", "2026-05", "B86002"),
        ("b", "2026-05", "B86002"),
        ("c", "2026-05", "B86002"),
        ("d", "2026-05", "B86002"),
    ]
    if db.is_postgres:
        # COPY keeps the instant (SQLite's DateTime stores the naive wall time, as before).
        assert rows[0][3] == datetime(2026, 5, 4, 9, 30, tzinfo=UTC)


async def test_consultations_recorded_in_a_unit_of_work_roll_back_with_it(db: Database) -> None:
    async with db.unit_of_work() as uow:
        assert await record_consultations(uow.session, _records("x"), ["2026-05"], NOW) == set()
        assert await held(uow.session, [("B86001", "x")]) == _keys("x")
        # Left without committing: the insert must go with the transaction.
    async with db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(consultations)) == 0
