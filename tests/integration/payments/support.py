"""Fixtures for the payments tests: the payments database alone on real PostgreSQL (so these
tests do not depend on the other services' migrations), the app without its bus, and events
applied through the service's own handlers as the inbox would apply them."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

import asyncpg
import httpx
import pytest

from services.payments.app import MIGRATIONS, create_app
from services.payments.handlers import handlers
from services.payments.settings import Settings
from shared.auth import mint_token
from shared.db import Database
from shared.events import Envelope, Event
from shared.events.contracts import (
    ContractActivated,
    DistributionRule,
    OrganisationRegistered,
    PaymentTerms,
    Tariff,
    TermsEntry,
)
from shared.events.federation import ActivityPeriodClosed, PracticeActivity, SubcontractIssued
from shared.migrations import upgrade
from tests.conftest import database_url, recreate_databases, running, truncate_all

ContractEventT = TypeVar("ContractEventT", bound=Event)

COMMISSIONER, FEDERATION = "02W", "Y0F01"
PRACTICE_A, PRACTICE_B, ADMIN = "A81001", "B82002", "C83003"
HUB = "hub-derm-1"
# A commissioner with none of the contracts above, and one with none at all.
OTHER_COMMISSIONER, STRANGER_COMMISSIONER = "99X", "13T"

# Every organisation the tests act for, as contracts registers them: a token is refused unless
# its role fits its organisation's kind in the service's register (docs/security.md).
ORGANISATIONS = [
    OrganisationRegistered(ods_code=COMMISSIONER, kind="ccg", name="NHS Central London CCG"),
    OrganisationRegistered(ods_code=OTHER_COMMISSIONER, kind="ccg", name="Another CCG"),
    OrganisationRegistered(ods_code=STRANGER_COMMISSIONER, kind="ccg", name="A stranger CCG"),
    *(
        OrganisationRegistered(ods_code=ods, kind=kind, name=ods, parent_ods=COMMISSIONER)
        for ods, kind in (
            (FEDERATION, "federation"),
            (PRACTICE_A, "practice"),
            (PRACTICE_B, "practice"),
            (ADMIN, "practice"),
        )
    ),
]


@pytest.fixture(scope="session")
def payments_url() -> str:
    name = f"{os.environ.get('GPFED_TEST_DB_PREFIX', 'gpfed_test')}_payments"
    try:
        asyncio.run(recreate_databases([name]))
    except (OSError, asyncpg.PostgresError) as exc:
        if os.environ.get("GPFED_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required but: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    url = database_url(name)
    upgrade(MIGRATIONS, url)
    return url


@pytest.fixture
async def db(payments_url: str) -> AsyncIterator[Database]:
    await truncate_all(payments_url)
    app = create_app(Settings(database_url=payments_url, bus_enabled=False))
    database: Database = app.state.db
    for organisation in ORGANISATIONS:
        await apply(database, organisation)
    yield database
    await database.dispose()


@pytest.fixture
async def client(payments_url: str, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(database_url=payments_url, bus_enabled=False)
    async with running(create_app(settings)) as c:
        c.headers["authorization"] = bearer(settings, "commissioner", COMMISSIONER)
        yield c


def bearer(settings: Settings, role: str, org: str) -> str:
    return "Bearer " + mint_token(settings, role=role, org=org)


async def apply(db: Database, event: Event) -> None:
    """One event through its handler, in one unit of work, as the inbox applies it."""
    found = handlers.get(event.ce_type)
    assert found is not None, event.ce_type
    _, handler = found
    async with db.unit_of_work() as uow:
        await handler(uow, event, Envelope.wrap(event, source="/gpfed/test"))
        await uow.commit()


RULE = DistributionRule(
    retained_percent=Decimal("10"),
    admin_charge_per_patient_pence=4000,
    premises_per_consultation_pence=500,
    clinician_fee_per_consultation_pence=3000,
)


def hub_activated(**overrides: object) -> ContractActivated:
    values: dict[str, object] = {
        "contract_id": HUB,
        "kind": "HUB",
        "status": "active",
        "commissioner_ods": COMMISSIONER,
        "provider_ods": FEDERATION,
        "service": "community dermatology",
        "start_date": date(2026, 4, 1),
        "effective_from": date(2026, 4, 1),
        "payment": PaymentTerms(
            basis="tariff",
            schedule="monthly",
            tariff=Tariff(first_pence=15000, follow_up_pence=8000),
        ),
        "distribution": RULE,
    }
    return ContractActivated(**{**values, **overrides})  # type: ignore[arg-type]


def admin_subcontract() -> SubcontractIssued:
    return SubcontractIssued(
        subcontract_id="sub-admin",
        contract_id=HUB,
        federation_ods=FEDERATION,
        practice_ods=ADMIN,
        roles=["admin"],
        start_date=date(2026, 4, 1),
    )


def period_closed(
    period: str = "2026-10", revision: int = 1, b_first: int = 4
) -> ActivityPeriodClosed:
    return ActivityPeriodClosed(
        contract_id=HUB,
        federation_ods=FEDERATION,
        period=period,
        revision=revision,
        patients=14,
        practices=[
            PracticeActivity(
                practice_ods=PRACTICE_A, first=10, follow_up=5, total=15, patients=10, hosted=15
            ),
            PracticeActivity(
                practice_ods=PRACTICE_B,
                first=b_first,
                follow_up=1,
                total=b_first + 1,
                patients=4,
                hosted=0,
            ),
        ],
    )


def pretend_today_is(monkeypatch: pytest.MonkeyPatch, today: date) -> None:
    """A payment run pays only periods that have begun in England: tests that pay months still
    to come pretend the date is later."""
    monkeypatch.setattr("services.payments.api.uk_today", lambda: today)


def with_history(
    event_type: type[ContractEventT],
    base: ContractActivated,
    versions: list[tuple[date, PaymentTerms, DistributionRule | None]],
    revision: int,
    **overrides: object,
) -> ContractEventT:
    """A contract event as contracts now sends every one: the contract's whole terms history
    (oldest first) and its revision, the event's own terms being the latest version's."""
    effective, payment, rule = versions[-1]
    values = base.model_dump() | {
        "effective_from": effective,
        "payment": payment,
        "distribution": rule,
        "history": [
            TermsEntry(effective_from=e, payment=p, distribution=r) for e, p, r in versions
        ],
        "history_revision": revision,
        **overrides,
    }
    return event_type.model_validate(values)


async def ops_get(client: httpx.AsyncClient, path: str, **params: object) -> Any:
    """GET as ops (who sees everything), asserting a 200."""
    ops = {"authorization": bearer(Settings(), "ops", "X24")}
    response = await client.get(path, headers=ops, params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def balances(client: httpx.AsyncClient, ods: str) -> dict[str, int]:
    found = await ops_get(client, f"/accounts/{ods}")
    return {a["account"]: a["balance_pence"] for a in found["accounts"]}


async def run(client: httpx.AsyncClient, period: str) -> dict[str, Any]:
    response = await client.post("/payment-runs", json={"period": period})
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def paid(run_response: dict[str, Any]) -> list[tuple[str, str, int, bool]]:
    """(period, basis, amount, recovery) of each payment a run made."""
    return [
        (p["period"], p["basis"], p["amount_pence"], p["recovery"])
        for p in run_response["payments"]
    ]
