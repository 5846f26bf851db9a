"""Migration 0004 carries the history recorded before it over, on SQLite and on PostgreSQL: each
version after the first becomes the variation record of the fields it changed, the revision
counts the versions and the termination, and a later backdated variation stops at the fields an
old version set. Downgrading keeps each quarter's latest KPI result."""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    insert,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from services.contracts import store
from services.contracts.app import MIGRATIONS
from services.contracts.domain.payment import PaymentTerms
from services.contracts.domain.terms import TermsChange
from shared.migrations import downgrade, upgrade
from shared.tables import Json
from tests.conftest import database_url, recreate_databases

pytestmark = pytest.mark.integration

AT = datetime(2026, 5, 1, tzinfo=UTC)
P1 = {
    "basis": "tariff",
    "schedule": "monthly",
    "tariff": {"first_pence": 3500, "follow_up_pence": 2000},
}
P2 = {**P1, "tariff": {"first_pence": 3700, "follow_up_pence": 2100}}
P3 = {**P1, "tariff": {"first_pence": 3900, "follow_up_pence": 2200}}
D1 = {
    "retained_percent": "10",
    "admin_charge_per_patient_pence": 6000,
    "premises_per_consultation_pence": 500,
    "clinician_fee_per_consultation_pence": 1500,
}

# The tables as revision 0003 left them.
OLD = MetaData()
OLD_CONTRACTS = Table(
    "contracts",
    OLD,
    Column("id", String),
    Column("kind", String),
    Column("status", String),
    Column("commissioner_ods", String),
    Column("provider_ods", String),
    Column("service", String),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("terminated_on", Date),
    Column("created_at", DateTime(timezone=True)),
)
OLD_TERMS = Table(
    "contract_terms",
    OLD,
    Column("contract_id", String),
    Column("version", Integer),
    Column("effective_from", Date),
    Column("payment", Json),
    Column("distribution", Json),
    Column("end_date", Date),
    Column("reason", Text),
    Column("recorded_at", DateTime(timezone=True)),
)
OLD_KPI = Table(
    "contract_kpi_results",
    OLD,
    Column("contract_id", String),
    Column("quarter", String),
    Column("achievement_percent", Numeric(6, 2)),
    Column("evidence", Text),
    Column("terms_version", Integer),
    Column("recorded_at", DateTime(timezone=True)),
)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'contracts.db'}"
    request.getfixturevalue("postgres")  # a server, or the skip/fail the suite decides
    name = f"{os.environ.get('GPFED_TEST_DB_PREFIX', 'gpfed_test')}_contracts_0004"
    asyncio.run(recreate_databases([name]))
    return database_url(name)


def contract(contract_id: str, terminated_on: date | None) -> dict[str, Any]:
    return {
        "id": contract_id,
        "kind": "HUB",
        "status": "terminated" if terminated_on else "active",
        "commissioner_ods": "02W",
        "provider_ods": "Y02765",
        "service": "hub",
        "start_date": date(2026, 4, 1),
        "end_date": date(2028, 3, 31) if terminated_on else date(2027, 3, 31),
        "terminated_on": terminated_on,
        "created_at": AT,
    }


def terms(contract_id: str, version: int, **values: Any) -> dict[str, Any]:
    row = {
        "contract_id": contract_id,
        "version": version,
        "effective_from": date(2026, 4, 1),
        "payment": P1,
        "distribution": D1,
        "end_date": date(2027, 3, 31),
        "reason": None,
        "recorded_at": AT,
    }
    return {**row, **values}


async def _fill_as_0003(url: str) -> None:
    """c1 varied twice (an uplift from October, then an extension from January) and
    terminated; c2 never varied; a KPI result for c1."""
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.execute(
            insert(OLD_CONTRACTS), [contract("c1", date(2027, 12, 1)), contract("c2", None)]
        )
        await connection.execute(
            insert(OLD_TERMS),
            [
                terms("c1", 1),
                terms("c1", 2, effective_from=date(2026, 10, 1), payment=P2, reason="uplift"),
                terms(
                    "c1",
                    3,
                    effective_from=date(2027, 1, 1),
                    payment=P2,
                    end_date=date(2028, 3, 31),
                    reason="extend",
                ),
                terms("c2", 1),
            ],
        )
        await connection.execute(
            insert(OLD_KPI).values(
                contract_id="c1",
                quarter="2026-Q3",
                achievement_percent=Decimal(80),
                evidence="QOF",
                terms_version=2,
                recorded_at=AT,
            )
        )
    await engine.dispose()


async def _check_carried_over_and_vary(url: str) -> None:
    engine = create_async_engine(url)
    async with AsyncSession(engine) as session:
        c1 = await store.get_contract(session, "c1")
        c2 = await store.get_contract(session, "c2")
        assert c1 is not None and c2 is not None
        assert (c1.history_revision, c2.history_revision) == (4, 1)
        assert [sorted(v.fields_set) for v in c1.versions] == [
            ["distribution", "end_date", "payment"],
            ["payment"],
            ["end_date"],
        ]
        assert [(v.number, v.effective_from, v.change.fields, v.reason) for v in c1.variations] == [
            (1, date(2026, 10, 1), {"payment"}, "uplift"),
            (2, date(2027, 1, 1), {"end_date"}, "extend"),
        ]
        assert c1.variations[1].change.end_date == date(2028, 3, 31)
        assert [v.history_revision for v in c1.variations] == [2, 3]
        assert c2.variations == [] and c2.versions[0].fields_set == {
            "payment",
            "distribution",
            "end_date",
        }
        # A backdated uplift from July stops at October, which set its own payment.
        c1.status = "active"
        c1.terminated_on = None
        variation = c1.vary(
            effective_from=date(2026, 7, 1),
            change=TermsChange(payment=PaymentTerms.model_validate(P3)),
            reason="backdated",
            recorded_at=AT,
        )
        await store.save_variation(session, c1, variation)
        [result] = await store.kpi_results(session, "c1")
        assert (result.version, result.achievement_percent, result.reason) == (1, 80, None)
        await store.add_kpi_result(
            session,
            "c1",
            type(result)(**{**vars(result), "version": 2, "achievement_percent": Decimal(85)}),
        )
        await session.commit()
    async with AsyncSession(engine) as session:
        again = await store.get_contract(session, "c1")
        assert again is not None
        assert [v.payment for v in again.versions] == [
            PaymentTerms.model_validate(p) for p in (P1, P3, P2, P2)
        ]
        assert again.history_revision == 5 and len(again.variations) == 3
    await engine.dispose()


async def _check_downgraded(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.connect() as connection:
        kpi = (await connection.execute(select(OLD_KPI))).all()
        assert [(r.quarter, Decimal(r.achievement_percent)) for r in kpi] == [
            ("2026-Q3", Decimal(85))
        ]
        versions = (
            await connection.execute(
                select(OLD_TERMS.c.version, OLD_TERMS.c.effective_from)
                .where(OLD_TERMS.c.contract_id == "c1")
                .order_by(OLD_TERMS.c.version)
            )
        ).all()
        assert [tuple(r) for r in versions] == [
            (1, date(2026, 4, 1)),
            (2, date(2026, 7, 1)),
            (3, date(2026, 10, 1)),
            (4, date(2027, 1, 1)),
        ]
    await engine.dispose()


def test_0004_carries_the_earlier_history_over_and_rolls_back(url: str) -> None:
    upgrade(MIGRATIONS, url, "0003")
    asyncio.run(_fill_as_0003(url))
    upgrade(MIGRATIONS, url)
    asyncio.run(_check_carried_over_and_vary(url))
    downgrade(MIGRATIONS, url, "0003")
    asyncio.run(_check_downgraded(url))
