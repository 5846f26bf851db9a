"""Backdated variations and terminations restate the periods already paid (issue 16 point 1):
each by an adjustment of the difference, through the ledger, exactly once; noted as pending
when the change arrives and settled by the commissioner's next payment run."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

import httpx
import pytest

from shared.db import Database
from shared.events.contracts import (
    ContractActivated,
    ContractTerminated,
    ContractVaried,
    DistributionRule,
    PaymentTerms,
)
from tests.integration.payments.support import (
    ADMIN,
    COMMISSIONER,
    FEDERATION,
    HUB,
    PRACTICE_A,
    PRACTICE_B,
    RULE,
    admin_subcontract,
    apply,
    balances,
    client,
    db,
    hub_activated,
    ops_get,
    paid,
    payments_url,
    period_closed,
    pretend_today_is,
    run,
    with_history,
)

pytestmark = pytest.mark.integration
__all__ = ["client", "db", "payments_url"]  # fixtures

LES, PROVIDER = "les-1", "B86001"
START = date(2026, 4, 1)


def block(annual: int) -> PaymentTerms:
    return PaymentTerms(basis="block", schedule="monthly", annual_value_pence=annual)


def les(annual: int = 1_200_000) -> ContractActivated:
    return hub_activated(
        contract_id=LES,
        kind="LES",
        provider_ods=PROVIDER,
        service="anticoagulation",
        payment=block(annual),
        distribution=None,
        history=None,
    )


@pytest.fixture(autouse=True)
def _in_2027(monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_today_is(monkeypatch, date(2027, 4, 30))


async def pending(client: httpx.AsyncClient) -> list[tuple[str, str]]:
    found = (await client.get("/payment-runs/pending")).json()
    return [(p["contract_id"], p["period"]) for p in found["items"]]


async def test_a_backdated_variation_restates_each_paid_month_by_its_difference_once(
    db: Database, client: httpx.AsyncClient
) -> None:
    first = with_history(ContractActivated, les(), [(START, block(1_200_000), None)], 1)
    await apply(db, first)
    for month in ("2026-07", "2026-08", "2026-09"):
        assert paid(await run(client, month)) == [(month, "block", 100_000, False)]
    # Signed in October, effective from 1 August: £18,000 a year from then.
    varied = with_history(
        ContractVaried,
        les(),
        [(START, block(1_200_000), None), (date(2026, 8, 1), block(1_800_000), None)],
        2,
    )
    await apply(db, varied)
    assert await pending(client) == [(LES, "2026-08"), (LES, "2026-09")]
    october = await run(client, "2026-10")
    assert paid(october) == [
        ("2026-08", "block", 50_000, False),
        ("2026-09", "block", 50_000, False),
        ("2026-10", "block", 150_000, False),
    ]
    assert [(s["period"], s["reason"]) for s in october["settled"]] == [
        ("2026-08", "restatement: varied (terms history revision 2)"),
        ("2026-09", "restatement: varied (terms history revision 2)"),
    ]
    assert await pending(client) == []
    # The same change again (redelivered, or replayed), and every run after: nothing moves.
    await apply(db, varied)
    assert await pending(client) == []
    for month in ("2026-08", "2026-09", "2026-10"):
        assert paid(await run(client, month)) == []
    assert await balances(client, PROVIDER) == {f"provider:{PROVIDER}": 100_000 + 3 * 150_000}
    # The statement for August shows the payment and, labelled, the adjustment restating it.
    statement = await ops_get(client, f"/statements/{PROVIDER}/2026-08")
    assert [
        (s["kind"], s["revision"], s["restates"], s["amount_pence"]) for s in statement["lines"]
    ] == [
        ("payment", 1, None, 100_000),
        ("adjustment", 2, "2026-08", 50_000),
    ]
    assert statement["total_pence"] == 150_000
    assert (await client.get("/ledger/trial-balance")).json()["balanced"] is True


async def test_concurrent_runs_settle_a_restatement_once(
    db: Database, client: httpx.AsyncClient
) -> None:
    history = [(START, block(1_200_000), None)]
    await apply(db, with_history(ContractActivated, les(), history, 1))
    for month in ("2026-07", "2026-08"):
        await run(client, month)
    varied = [*history, (date(2026, 7, 1), block(2_400_000), None)]
    await apply(db, with_history(ContractVaried, les(), varied, 2))
    runs = await asyncio.gather(
        *(client.post("/payment-runs", json={"period": "2026-09"}) for _ in range(4))
    )
    assert all(r.status_code == 200 for r in runs)
    made = sorted(p for r in runs for p in paid(r.json()))
    assert made == [
        ("2026-07", "block", 100_000, False),
        ("2026-08", "block", 100_000, False),
        ("2026-09", "block", 200_000, False),
    ]
    assert await pending(client) == []
    assert await balances(client, PROVIDER) == {f"provider:{PROVIDER}": 600_000}


async def test_an_older_history_arriving_late_changes_nothing(
    db: Database, client: httpx.AsyncClient
) -> None:
    await apply(db, with_history(ContractActivated, les(), [(START, block(1_200_000), None)], 1))
    newer = [(START, block(1_200_000), None), (date(2026, 8, 1), block(2_400_000), None)]
    await apply(db, with_history(ContractVaried, les(), newer, 3))
    older = [(START, block(1_200_000), None), (date(2026, 9, 1), block(600_000), None)]
    await apply(db, with_history(ContractVaried, les(), older, 2))
    assert paid(await run(client, "2026-09")) == [("2026-09", "block", 200_000, False)]


async def test_a_backdated_termination_recovers_what_was_paid_beyond_the_end(
    db: Database, client: httpx.AsyncClient
) -> None:
    history = [(START, block(1_200_000), None)]
    await apply(db, with_history(ContractActivated, les(), history, 1))
    for month in ("2026-07", "2026-08", "2026-09", "2026-10"):
        await run(client, month)
    # Terminated in November with effect from 20 August: August was in force, not after.
    terminated = with_history(
        ContractTerminated, les(), history, 2, status="terminated", terminated_on=date(2026, 8, 20)
    )
    await apply(db, terminated)
    assert await pending(client) == [(LES, "2026-09"), (LES, "2026-10")]
    november = await run(client, "2026-11")
    assert paid(november) == [
        ("2026-09", "block", 100_000, True),
        ("2026-10", "block", 100_000, True),
    ]
    assert paid(await run(client, "2026-11")) == []
    assert await balances(client, PROVIDER) == {f"provider:{PROVIDER}": 200_000}
    assert await balances(client, COMMISSIONER) == {f"commissioner:{COMMISSIONER}": -200_000}


async def test_a_hub_month_restated_by_a_backdated_variation_gives_each_practice_its_difference(
    db: Database, client: httpx.AsyncClient
) -> None:
    hub_block = block(3_096_000)  # 258,000 a month: the worked example's income
    history = [(START, hub_block, RULE)]
    await apply(db, with_history(ContractActivated, hub_activated(payment=hub_block), history, 1))
    for event in (admin_subcontract(), period_closed("2026-10")):
        await apply(db, event)
    first = await run(client, "2026-10")
    [october] = first["distributions"]
    before = {line["practice_ods"]: line["total_pence"] for line in october["lines"]}
    assert before == {PRACTICE_A: 143_288, PRACTICE_B: 45_262, ADMIN: 56_000}
    # In November: from 1 October the federation keeps 20%, and the value is 288,000 a month.
    richer = RULE.model_copy(update={"retained_percent": Decimal("20")})
    varied = [*history, (date(2026, 10, 1), block(3_456_000), richer)]
    await apply(db, with_history(ContractVaried, hub_activated(payment=hub_block), varied, 2))
    november = await run(client, "2026-11")
    assert paid(november) == [
        ("2026-10", "block", 30_000, False),
        ("2026-11", "block", 288_000, False),
    ]
    [restated] = november["distributions"]
    # income 288,000, costs 123,500, profit 164,500: 20% retained 32,900, 131,600 by 15:5.
    assert (restated["period"], restated["revision"], restated["retained_pence"]) == (
        "2026-10",
        2,
        32_900,
    )
    after = {line["practice_ods"]: line["total_pence"] for line in restated["lines"]}
    assert after == {PRACTICE_A: 98_700 + 52_500, PRACTICE_B: 32_900 + 15_000, ADMIN: 56_000}
    for ods in (PRACTICE_A, PRACTICE_B, ADMIN):
        assert await balances(client, ods) == {f"provider:{ods}": after[ods]}
    # The hub pot: October's 20%, and November's income until November closes.
    assert await balances(client, FEDERATION) == {f"federation:{FEDERATION}": 32_900 + 288_000}
    # The period shows once, as its latest revision, with the first beside it.
    shown = await ops_get(client, "/distributions", contract_id=HUB, period="2026-10")
    assert shown["revision"] == 2 and shown["income_pence"] == 288_000
    assert [(h["revision"], h["income_pence"]) for h in shown["history"]] == [(1, 258_000)]
    statement = await ops_get(client, f"/statements/{PRACTICE_A}/2026-10")
    assert [(s["kind"], s["restates"], s["amount_pence"]) for s in statement["lines"]] == [
        ("distribution", None, 143_288),
        ("adjustment", "2026-10", after[PRACTICE_A] - 143_288),
    ]
    assert paid(await run(client, "2026-11")) == []
    assert (await run(client, "2026-11"))["distributions"] == []


async def test_a_rule_changed_from_a_paid_month_redistributes_it_without_paying_anything(
    db: Database, client: httpx.AsyncClient
) -> None:
    hub_block = block(3_096_000)
    history = [(START, hub_block, RULE)]
    await apply(db, with_history(ContractActivated, hub_activated(payment=hub_block), history, 1))
    for event in (admin_subcontract(), period_closed("2026-10")):
        await apply(db, event)
    await run(client, "2026-10")
    no_premises = DistributionRule(
        retained_percent=Decimal("10"),
        admin_charge_per_patient_pence=4000,
        premises_per_consultation_pence=0,
        clinician_fee_per_consultation_pence=3000,
    )
    varied = [*history, (date(2026, 10, 1), hub_block, no_premises)]
    await apply(db, with_history(ContractVaried, hub_activated(payment=hub_block), varied, 2))
    november = await run(client, "2026-11")
    assert paid(november) == [("2026-11", "block", 258_000, False)], "October: nothing"
    [restated] = november["distributions"]
    assert restated["revision"] == 2 and restated["income_pence"] == 258_000
    assert restated["costs_pence"] == 123_500 - 7_500
