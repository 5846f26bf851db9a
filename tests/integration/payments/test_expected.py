"""``GET /accounts/{ods}/expected`` on real PostgreSQL: what an organisation is to be paid,
when, and why it waits (services/payments/README.md, "Expected payments and when they are
due")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from services.payments.settings import Settings
from shared.db import Database
from shared.events.contracts import PaymentTerms
from shared.events.federation import SubcontractIssued
from tests.integration.payments.support import (
    COMMISSIONER,
    FEDERATION,
    OTHER_COMMISSIONER,
    PRACTICE_A,
    PRACTICE_B,
    admin_subcontract,
    apply,
    bearer,
    client,
    db,
    hub_activated,
    payments_url,
    period_closed,
    pretend_today_is,
    run,
)

pytestmark = pytest.mark.integration
__all__ = ["client", "db", "payments_url"]  # fixtures

GMS, LES = "gms-a", "les-b"
TODAY = date(2026, 11, 15)
SPAN = {"from": "2026-09", "to": "2026-12"}


def _as(role: str, org: str) -> dict[str, str]:
    return {"authorization": bearer(Settings(), role, org)}


@pytest.fixture
async def world(db: Database, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A practice's GMS (block, 100,000 a month) and share of a tariff hub, a second practice's
    LES paid 75% up front with a quarterly true-up; October run and distributed."""
    pretend_today_is(monkeypatch, TODAY)
    block = PaymentTerms(basis="block", schedule="monthly", annual_value_pence=1_200_000)
    upfront = PaymentTerms(
        basis="block",
        schedule="monthly_upfront_true_up",
        annual_value_pence=1_200_000,
        upfront_percent=Decimal("75"),
    )
    for event in (
        hub_activated(),
        hub_activated(
            contract_id=GMS, kind="GMS", provider_ods=PRACTICE_A, payment=block, distribution=None
        ),
        hub_activated(
            contract_id=LES, kind="LES", provider_ods=PRACTICE_B, payment=upfront, distribution=None
        ),
        admin_subcontract(),
        SubcontractIssued(
            subcontract_id="sub-a",
            contract_id="hub-derm-1",
            federation_ods=FEDERATION,
            practice_ods=PRACTICE_A,
            roles=["delivery", "premises"],
            start_date=date(2026, 4, 1),
        ),
        period_closed("2026-10"),
    ):
        await apply(db, event)
    await run(client, "2026-10")


async def _expected(
    client: httpx.AsyncClient, ods: str, headers: dict[str, str] | None = None, **params: Any
) -> list[dict[str, Any]]:
    response = await client.get(
        f"/accounts/{ods}/expected", params={**SPAN, **params}, headers=headers or {}
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def _rows(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (i["contract_id"], i["period"], i["due_on"], i["status"], i["amount_pence"], i["estimated"])
        for i in items
    ]


@pytest.mark.usefixtures("world")
async def test_a_practice_sees_paid_late_due_and_waiting_payments_by_due_day(
    client: httpx.AsyncClient,
) -> None:
    items = await _expected(client, PRACTICE_A, _as("practice", PRACTICE_A))
    assert _rows(items) == [
        (GMS, "2026-09", "2026-09-30", "late", 100_000, False),
        (GMS, "2026-10", "2026-10-31", "paid", 100_000, False),
        ("hub-derm-1", "2026-09", "2026-10-31", "late", None, True),
        (GMS, "2026-11", "2026-11-30", "due", 100_000, False),
        ("hub-derm-1", "2026-10", "2026-11-30", "paid", 143_288, False),
        (GMS, "2026-12", "2026-12-31", "due", 100_000, True),
        ("hub-derm-1", "2026-11", "2026-12-31", "waiting", None, True),
        ("hub-derm-1", "2026-12", "2027-01-31", "waiting", None, True),
    ]
    by_key = {(i["contract_id"], i["period"]): i for i in items}
    gms_paid, share = by_key[(GMS, "2026-10")], by_key[("hub-derm-1", "2026-10")]
    assert (gms_paid["payer_ods"], gms_paid["commissioner_ods"]) == (COMMISSIONER, COMMISSIONER)
    assert gms_paid["paid_on"] is not None and gms_paid["payment_id"].startswith("pay_")
    assert share["payer_ods"] == FEDERATION and share["payment_id"].startswith("dist_")
    waiting = by_key[("hub-derm-1", "2026-11")]
    assert waiting["waiting_for"] == "the federation has not closed 2026-11 for this hub"
    assert by_key[("hub-derm-1", "2026-09")]["waiting_for"] == waiting["waiting_for"].replace(
        "2026-11", "2026-09"
    )
    assert by_key[(GMS, "2026-09")]["waiting_for"] is None


@pytest.mark.usefixtures("world")
async def test_a_federation_waits_for_its_own_close_of_a_tariff_hub(
    client: httpx.AsyncClient,
) -> None:
    items = await _expected(client, FEDERATION, _as("federation", FEDERATION))
    assert [(i["period"], i["basis"], i["status"], i["amount_pence"]) for i in items] == [
        ("2026-09", "tariff", "late", None),
        ("2026-10", "tariff", "paid", 258_000),
        ("2026-11", "tariff", "waiting", None),
        ("2026-12", "tariff", "waiting", None),
    ]
    assert items[2]["waiting_for"] == "the federation has not closed 2026-11 for this contract"
    assert items[2]["due_on"] == "2026-12-31"  # tariff: paid by the run after the close


@pytest.mark.usefixtures("world")
async def test_a_true_up_waiting_for_its_kpi_result_is_estimated_at_full_achievement(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    pretend_today_is(monkeypatch, date(2026, 10, 10))
    items = await _expected(client, PRACTICE_B, _as("practice", PRACTICE_B))
    true_up = next(i for i in items if i["basis"] == "true_up")
    assert (true_up["period"], true_up["due_on"], true_up["status"]) == (
        "2026-09",
        "2026-10-31",
        "waiting",
    )
    # Q3's three months at 100% (100,000 each) less the 75,000 each paid up front.
    assert (true_up["amount_pence"], true_up["estimated"]) == (75_000, True)
    assert true_up["waiting_for"] == "no KPI achievement is recorded for 2026-Q3: no true-up yet"
    upfront = [i["amount_pence"] for i in items if i["basis"] == "upfront"]
    assert upfront == [75_000, 75_000, 75_000, 75_000]
    pretend_today_is(monkeypatch, TODAY)
    late = next(i for i in await _expected(client, PRACTICE_B) if i["basis"] == "true_up")
    assert (late["status"], late["waiting_for"]) == ("late", true_up["waiting_for"])


@pytest.mark.usefixtures("world")
async def test_pages_follow_the_due_order_without_gaps_or_repeats(
    client: httpx.AsyncClient,
) -> None:
    every = await _expected(client, PRACTICE_A)
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {**SPAN, "limit": 3}
        if cursor:
            params["cursor"] = cursor
        response = await client.get(f"/accounts/{PRACTICE_A}/expected", params=params)
        assert response.status_code == 200, response.text
        seen += response.json()["items"]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            break
    assert seen == every and len(every) == 8


@pytest.mark.usefixtures("world")
async def test_the_span_defaults_to_three_months_either_side_and_is_bounded(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(f"/accounts/{PRACTICE_A}/expected")
    gms = [i["period"] for i in response.json()["items"] if i["contract_id"] == GMS]
    assert gms == ["2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02"]
    fine = await client.get(
        f"/accounts/{PRACTICE_A}/expected", params={"from": "2025-12", "to": "2027-11"}
    )
    assert fine.status_code == 200, fine.text
    for params, field in (
        ({"from": "2025-11", "to": "2027-11"}, "to"),
        ({"from": "2026-12", "to": "2026-11"}, "to"),
        ({"from": "2020-01"}, "from"),
        ({"from": "2026-13"}, "from"),
    ):
        refused = await client.get(f"/accounts/{PRACTICE_A}/expected", params=params)
        assert refused.status_code == 422, params
        [error] = refused.json()["errors"]
        assert (error["loc"], error["field"]) == (["query", field], field), params


@pytest.mark.usefixtures("world")
async def test_it_is_read_as_the_account_a_related_party_sees_its_own_business_only(
    client: httpx.AsyncClient,
) -> None:
    of_hub = await _expected(client, PRACTICE_A, _as("federation", FEDERATION))
    assert {i["contract_id"] for i in of_hub} == {"hub-derm-1"}
    of_commissioner = await _expected(client, PRACTICE_A, _as("commissioner", COMMISSIONER))
    assert {i["contract_id"] for i in of_commissioner} == {GMS, "hub-derm-1"}
    for role, org in (
        ("practice", PRACTICE_B),
        ("commissioner", OTHER_COMMISSIONER),
        ("governance", COMMISSIONER),
    ):
        response = await client.get(
            f"/accounts/{PRACTICE_A}/expected", params=SPAN, headers=_as(role, org)
        )
        assert response.status_code == 403, (role, org, response.text)
