"""Upfront with quarterly true-up (and recoveries), quarterly in arrears and per head, paid by
payment runs on real PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from services.payments.settings import Settings
from shared.db import Database
from shared.events.contracts import (
    ContractActivated,
    ContractPerformanceRecorded,
    ContractTerminated,
    ContractVaried,
    OrganisationRegistered,
    OrganisationUpdated,
    PaymentTerms,
)
from tests.integration.payments.support import (
    COMMISSIONER,
    apply,
    bearer,
    client,
    db,
    payments_url,
    pretend_today_is,
)

pytestmark = pytest.mark.integration
__all__ = ["client", "db", "payments_url"]  # fixtures

PROVIDER = "B86001"
CONTRACT = "les-1"
UPFRONT = PaymentTerms(
    basis="block",
    schedule="monthly_upfront_true_up",
    annual_value_pence=1_200_000,
    upfront_percent=Decimal("75"),
)


def _values(payment: PaymentTerms, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "contract_id": CONTRACT,
        "kind": "LES",
        "status": "active",
        "commissioner_ods": COMMISSIONER,
        "provider_ods": PROVIDER,
        "service": "anticoagulation",
        "start_date": date(2026, 4, 1),
        "effective_from": date(2026, 4, 1),
        "payment": payment,
    }
    return {**values, **overrides}


def performance(quarter: str, percent: str) -> ContractPerformanceRecorded:
    return ContractPerformanceRecorded(
        **_values(UPFRONT), quarter=quarter, achievement_percent=Decimal(percent)
    )


@pytest.fixture(autouse=True)
def _in_spring_2027(monkeypatch: pytest.MonkeyPatch) -> None:
    # These schedules are followed into 2027.
    pretend_today_is(monkeypatch, date(2027, 4, 30))


async def run(client: httpx.AsyncClient, period: str) -> list[tuple[Any, ...]]:
    response = await client.post("/payment-runs", json={"period": period})
    assert response.status_code == 200, response.text
    return [
        (p["basis"], p["payer_ods"], p["payee_ods"], p["amount_pence"], p["recovery"])
        for p in response.json()["payments"]
    ]


async def waiting_for(client: httpx.AsyncClient, period: str) -> list[tuple[str, str]]:
    """What a (further) run for the period says it could not pay yet."""
    response = await client.post("/payment-runs", json={"period": period})
    assert response.status_code == 200, response.text
    return [(w["contract_id"], w["reason"]) for w in response.json()["waiting_for"]]


async def balance(client: httpx.AsyncClient, ods: str) -> dict[str, int]:
    ops = {"authorization": bearer(Settings(), "ops", "X24")}
    got = (await client.get(f"/accounts/{ods}", headers=ops)).json()
    return {a["account"]: a["balance_pence"] for a in got["accounts"]}


async def test_upfront_pays_a_twelfth_of_75_percent_and_the_quarter_end_trues_up_to_the_kpi(
    db: Database, client: httpx.AsyncClient
) -> None:
    await apply(db, ContractActivated(**_values(UPFRONT)))
    for month in ("2026-07", "2026-08"):
        assert await run(client, month) == [("upfront", COMMISSIONER, PROVIDER, 75_000, False)]
    # No achievement recorded yet: the quarter end pays the instalment, the true-up waits.
    assert await run(client, "2026-09") == [("upfront", COMMISSIONER, PROVIDER, 75_000, False)]
    assert await waiting_for(client, "2026-09") == [(CONTRACT, "achievement_not_recorded")]
    assert await waiting_for(client, "2026-08") == [], "only a quarter's end waits for it"
    await apply(db, performance("2026-Q3", "60"))
    await apply(db, performance("2026-Q3", "60"))  # redelivered: nothing changes
    # 60% of the quarter's 300,000 is 180,000; 225,000 was paid up front: 45,000 recovered.
    assert await run(client, "2026-09") == [("true_up", PROVIDER, COMMISSIONER, 45_000, True)]
    assert await run(client, "2026-09") == []
    assert await waiting_for(client, "2026-09") == []
    assert await balance(client, PROVIDER) == {f"provider:{PROVIDER}": 180_000}
    # A restated achievement pays the difference, once.
    await apply(db, performance("2026-Q3", "100"))
    assert await run(client, "2026-09") == [("true_up", COMMISSIONER, PROVIDER, 120_000, False)]
    assert await run(client, "2026-09") == []
    assert await balance(client, PROVIDER) == {f"provider:{PROVIDER}": 300_000}
    trial = (await client.get("/ledger/trial-balance")).json()
    assert trial["balanced"] is True


async def test_a_variation_changes_the_upfront_instalments_from_its_date_only(
    db: Database, client: httpx.AsyncClient
) -> None:
    await apply(db, ContractActivated(**_values(UPFRONT)))
    doubled = UPFRONT.model_copy(update={"annual_value_pence": 2_400_000})
    varied = _values(doubled, effective_from=date(2026, 9, 1))
    await apply(db, ContractVaried(**varied))
    await apply(db, performance("2026-Q3", "100"))
    assert await run(client, "2026-08") == [("upfront", COMMISSIONER, PROVIDER, 75_000, False)]
    # September at the new value; the quarter earned 100,000 + 100,000 + 200,000 in full.
    assert await run(client, "2026-09") == [
        ("upfront", COMMISSIONER, PROVIDER, 150_000, False),
        ("true_up", COMMISSIONER, PROVIDER, 400_000 - 75_000 * 2 - 150_000, False),
    ]


async def test_a_contract_terminated_mid_quarter_is_trued_up_for_its_months_in_force(
    db: Database, client: httpx.AsyncClient
) -> None:
    await apply(db, ContractActivated(**_values(UPFRONT)))
    for month in ("2026-07", "2026-08"):
        assert await run(client, month) == [("upfront", COMMISSIONER, PROVIDER, 75_000, False)]
    terminated = _values(UPFRONT, status="terminated", effective_from=date(2026, 9, 1)) | {
        "terminated_on": date(2026, 9, 1)
    }
    await apply(db, ContractTerminated(**terminated))
    # Not in force in September, so no instalment; its quarter still waits for the KPIs.
    assert await run(client, "2026-09") == []
    assert await waiting_for(client, "2026-09") == [(CONTRACT, "achievement_not_recorded")]
    await apply(db, performance("2026-Q3", "60"))
    # 60% of July and August's 200,000 is 120,000; 150,000 was paid up front: 30,000 back.
    assert await run(client, "2026-09") == [("true_up", PROVIDER, COMMISSIONER, 30_000, True)]
    assert await run(client, "2026-09") == []
    assert await waiting_for(client, "2026-09") == []
    assert await balance(client, PROVIDER) == {f"provider:{PROVIDER}": 120_000}
    assert await run(client, "2026-12") == [], "a later quarter is not trued up"


async def test_quarterly_arrears_pays_the_quarter_in_the_month_after_it_and_not_after_the_end(
    db: Database, client: httpx.AsyncClient
) -> None:
    arrears = PaymentTerms(
        basis="block", schedule="quarterly_arrears", annual_value_pence=1_200_000
    )
    await apply(db, ContractActivated(**_values(arrears)))
    assert await run(client, "2026-06") == []
    assert await run(client, "2026-07") == [("block", COMMISSIONER, PROVIDER, 300_000, False)]
    assert await run(client, "2026-07") == []
    assert await run(client, "2026-08") == []
    terminated = _values(arrears, status="terminated", effective_from=date(2026, 9, 1)) | {
        "terminated_on": date(2026, 9, 1)
    }
    await apply(db, ContractTerminated(**terminated))
    # Q3 is paid in October for July and August only: the contract ended on 1 September.
    assert await run(client, "2026-10") == [("block", COMMISSIONER, PROVIDER, 200_000, False)]
    assert await run(client, "2027-01") == []


async def test_per_head_pays_the_list_size_in_force_times_the_rate_a_twelfth_a_month(
    db: Database, client: httpx.AsyncClient
) -> None:
    per_head = PaymentTerms(basis="per_head", schedule="monthly", per_head_pence=600)
    await apply(db, ContractActivated(**_values(per_head)))
    assert await run(client, "2026-10") == []  # no list size known yet: waits
    organisation = {"ods_code": PROVIDER, "kind": "practice", "name": "Practice"}
    await apply(db, OrganisationRegistered(**organisation, list_size=1000))
    assert await run(client, "2026-10") == [("per_head", COMMISSIONER, PROVIDER, 50_000, False)]
    await apply(
        db,
        OrganisationUpdated(
            **organisation, list_size=1200, list_size_effective_from=date(2026, 12, 1)
        ),
    )
    assert await run(client, "2026-11") == [("per_head", COMMISSIONER, PROVIDER, 50_000, False)]
    assert await run(client, "2026-12") == [("per_head", COMMISSIONER, PROVIDER, 60_000, False)]
