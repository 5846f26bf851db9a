"""Corrected KPI results and the year-end true-up (issue 16 point 6); dated list sizes (point
5): each through events and payment runs on real PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from shared.db import Database
from shared.events.contracts import (
    ContractActivated,
    ContractPerformanceRecorded,
    OrganisationRegistered,
    OrganisationUpdated,
    PaymentTerms,
)
from tests.integration.payments.support import (
    COMMISSIONER,
    apply,
    balances,
    client,
    db,
    hub_activated,
    paid,
    payments_url,
    pretend_today_is,
    run,
)

pytestmark = pytest.mark.integration
__all__ = ["client", "db", "payments_url"]  # fixtures

CONTRACT, PROVIDER = "les-1", "B86001"


@pytest.fixture(autouse=True)
def _in_2027(monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_today_is(monkeypatch, date(2027, 4, 30))


def contract(payment: PaymentTerms) -> ContractActivated:
    return hub_activated(
        contract_id=CONTRACT,
        kind="LES",
        provider_ods=PROVIDER,
        service="anticoagulation",
        payment=payment,
        distribution=None,
    )


def upfront(true_up: str | None = None) -> PaymentTerms:
    return PaymentTerms(
        basis="block",
        schedule="monthly_upfront_true_up",
        annual_value_pence=1_200_000,
        upfront_percent=Decimal("75"),
        true_up=true_up,  # type: ignore[arg-type]
    )


def result(terms: PaymentTerms, quarter: str, percent: str, version: int) -> Any:
    return ContractPerformanceRecorded(
        **contract(terms).model_dump(),
        quarter=quarter,
        achievement_percent=Decimal(percent),
        version=version,
    )


async def pending(client: httpx.AsyncClient) -> list[tuple[str, str]]:
    found = (await client.get("/payment-runs/pending")).json()
    return [(p["period"], p["reason"]) for p in found["items"]]


async def test_a_corrected_kpi_result_supersedes_whatever_the_order_and_pays_the_difference(
    db: Database, client: httpx.AsyncClient
) -> None:
    terms = upfront()
    await apply(db, contract(terms))
    for month in ("2026-07", "2026-08"):
        await run(client, month)
    # The correction (version 2) arrives before the result it corrects: the late one is stale.
    await apply(db, result(terms, "2026-Q3", "100", 2))
    await apply(db, result(terms, "2026-Q3", "60", 1))
    september = await run(client, "2026-09")
    assert paid(september) == [
        ("2026-09", "upfront", 75_000, False),
        ("2026-09", "true_up", 300_000 - 225_000, False),
    ]
    assert await pending(client) == []
    # A further correction in October: 90%, 30,000 recovered, once, by the next run.
    await apply(db, result(terms, "2026-Q3", "90", 3))
    assert await pending(client) == [("2026-09", "achievement recorded for 2026-Q3 (version 3)")]
    october = await run(client, "2026-10")
    assert paid(october) == [
        ("2026-09", "true_up", 30_000, True),
        ("2026-10", "upfront", 75_000, False),
    ]
    await apply(db, result(terms, "2026-Q3", "90", 3))  # redelivered: nothing to settle
    assert await pending(client) == []
    assert paid(await run(client, "2026-10")) == []
    assert await balances(client, PROVIDER) == {f"provider:{PROVIDER}": 270_000 + 75_000}


async def test_a_year_end_true_up_trues_up_the_financial_year_in_march(
    db: Database, client: httpx.AsyncClient
) -> None:
    terms = upfront("year_end")
    await apply(db, contract(terms))
    await apply(db, result(terms, "2026-Q2", "10", 1))  # a quarter's result: no true-up then
    months = [f"2026-{m:02d}" for m in range(4, 13)] + ["2027-01", "2027-02"]
    for month in months:
        assert paid(await run(client, month)) == [(month, "upfront", 75_000, False)]
    march = await run(client, "2027-03")
    assert paid(march) == [("2027-03", "upfront", 75_000, False)]
    assert [(w["period"], w["reason"]) for w in march["waiting_for"]] == [
        ("2027-03", "achievement_not_recorded")
    ]
    # The result for the quarter ending 31 March trues up the whole year, April to March.
    await apply(db, result(terms, "2027-Q1", "80", 1))
    assert paid(await run(client, "2027-03")) == [("2027-03", "true_up", 960_000 - 900_000, False)]
    assert await balances(client, PROVIDER) == {f"provider:{PROVIDER}": 960_000}


PER_HEAD = PaymentTerms(basis="per_head", schedule="monthly", per_head_pence=600)
PRACTICE = {"ods_code": PROVIDER, "kind": "practice", "name": "Practice"}


async def test_an_undated_list_size_never_overwrites_a_dated_one(
    db: Database, client: httpx.AsyncClient
) -> None:
    await apply(db, contract(PER_HEAD))
    dated = OrganisationRegistered(
        **PRACTICE, list_size=1000, list_size_effective_from=date(2026, 4, 1)
    )
    await apply(db, dated)
    assert paid(await run(client, "2026-10")) == [("2026-10", "per_head", 50_000, False)]
    # An undated size (sent before contracts dated them, replayed late) changes nothing: not
    # the month paid, nor the months to come.
    await apply(db, OrganisationUpdated(**PRACTICE, list_size=2000))
    assert await pending(client) == []
    assert paid(await run(client, "2026-11")) == [("2026-11", "per_head", 50_000, False)]


async def test_a_backdated_list_size_restates_the_per_head_months_paid_since_it(
    db: Database, client: httpx.AsyncClient
) -> None:
    await apply(db, contract(PER_HEAD))
    await apply(db, OrganisationRegistered(**PRACTICE, list_size=1000))  # undated, the first
    for month in ("2026-09", "2026-10", "2026-11"):
        await run(client, month)
    # In December: the list was 1,200 from 1 October.
    later = OrganisationUpdated(
        **PRACTICE, list_size=1200, list_size_effective_from=date(2026, 10, 1)
    )
    await apply(db, later)
    assert [p for p, _ in await pending(client)] == ["2026-10", "2026-11"]
    december = await run(client, "2026-12")
    assert paid(december) == [
        ("2026-10", "per_head", 10_000, False),
        ("2026-11", "per_head", 10_000, False),
        ("2026-12", "per_head", 60_000, False),
    ]
    assert await balances(client, COMMISSIONER) == {f"commissioner:{COMMISSIONER}": -230_000}
