"""Payment runs and the hub distribution (Practice finances survey, Case study 1) on real
PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import date

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from services.payments.store import payments, postings
from shared.db import Database
from shared.events.contracts import PaymentTerms
from tests.integration.payments.support import (
    ADMIN,
    COMMISSIONER,
    FEDERATION,
    HUB,
    PRACTICE_A,
    PRACTICE_B,
    admin_subcontract,
    apply,
    client,
    db,
    hub_activated,
    payments_url,
    period_closed,
    pretend_today_is,
)

pytestmark = pytest.mark.integration
__all__ = ["client", "db", "payments_url"]  # fixtures

INCOME = 10 * 15000 + 5 * 8000 + 4 * 15000 + 1 * 8000  # 258000p at tariff
# By hand: costs = admin 14 x 4000 + premises 15 x 500 + fees 20 x 3000 = 123500; profit
# 134500; retained 10% = 13450; remainder 121050 split 15:5 = 90787.5 / 30262.5, the tied
# half penny to the lower ODS code.
EXPECTED_TOTALS = {PRACTICE_A: 90788 + 7500 + 45000, PRACTICE_B: 30262 + 15000, ADMIN: 56000}
# Debits: the hub pot receiving the income, then each practice receiving its total.
DEBITS = INCOME + sum(EXPECTED_TOTALS.values())


async def test_a_hub_period_is_paid_and_distributed_to_the_penny(
    db: Database, client: httpx.AsyncClient
) -> None:
    for event in (hub_activated(), admin_subcontract(), period_closed()):
        await apply(db, event)
    response = await client.post("/payment-runs", json={"period": "2026-10"})
    assert response.status_code == 200, response.text
    run = response.json()
    assert [(p["payee_ods"], p["amount_pence"], p["basis"]) for p in run["payments"]] == [
        (FEDERATION, INCOME, "tariff")
    ]
    [completed] = run["distributions"]
    assert completed["income_pence"] == INCOME
    assert completed["costs_pence"] == 123500
    assert completed["retained_pence"] == 13450
    assert completed["remainder_pence"] == 121050
    assert {line["practice_ods"]: line["total_pence"] for line in completed["lines"]} == (
        EXPECTED_TOTALS
    )

    got = (
        await client.get("/distributions", params={"contract_id": HUB, "period": "2026-10"})
    ).json()
    assert got["status"] == "completed" and got["retained_pence"] == 13450

    balance = (await client.get("/ledger/trial-balance")).json()
    assert balance == {"balanced": True, "debits_pence": DEBITS, "credits_pence": DEBITS}

    ops = {"authorization": _ops(client)}
    fed = (await client.get(f"/accounts/{FEDERATION}", headers=ops)).json()
    assert fed["accounts"] == [{"account": f"federation:{FEDERATION}", "balance_pence": 13450}]
    a = (await client.get(f"/accounts/{PRACTICE_A}", headers=ops)).json()
    assert a["accounts"] == [{"account": f"provider:{PRACTICE_A}", "balance_pence": 143288}]


def _ops(client: httpx.AsyncClient) -> str:
    from services.payments.settings import Settings
    from tests.integration.payments.support import bearer

    return bearer(Settings(), "ops", "X24")


@pytest.mark.parametrize("close_first", [True, False])
async def test_the_period_closing_before_or_after_the_run_gives_the_same_distribution(
    db: Database, client: httpx.AsyncClient, close_first: bool
) -> None:
    await apply(db, hub_activated())
    await apply(db, admin_subcontract())
    if close_first:
        await apply(db, period_closed())
    await apply(db, period_closed(period="2026-09"))  # income posted by the run below
    await client.post("/payment-runs", json={"period": "2026-09"})
    if not close_first:
        # Tariff income needs the closed counts: a run before the close pays nothing yet.
        first = (await client.post("/payment-runs", json={"period": "2026-10"})).json()
        assert first["payments"] == []
        # ... and says so, rather than looking like a period with nothing due.
        assert [(w["contract_id"], w["reason"]) for w in first["waiting_for"]] == [
            (HUB, "period_not_closed")
        ]
        pending = await client.get(
            "/distributions", params={"contract_id": HUB, "period": "2026-10"}
        )
        assert pending.json()["status"] == "pending"
        await apply(db, period_closed())
    paid = (await client.post("/payment-runs", json={"period": "2026-10"})).json()
    assert paid["waiting_for"] == []
    got = (
        await client.get("/distributions", params={"contract_id": HUB, "period": "2026-10"})
    ).json()
    assert got["status"] == "completed"
    assert {line["practice_ods"]: line["total_pence"] for line in got["lines"]} == EXPECTED_TOTALS


async def test_a_hub_is_distributed_when_the_period_closes_after_its_block_income(
    db: Database, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    block = PaymentTerms(basis="block", schedule="monthly", annual_value_pence=3_000_001)
    await apply(db, hub_activated(payment=block))
    await apply(db, admin_subcontract())
    run = (await client.post("/payment-runs", json={"period": "2026-10"})).json()
    assert [p["amount_pence"] for p in run["payments"]] == [250000]
    assert run["distributions"] == []
    await apply(db, period_closed())  # the last input: the handler distributes
    got = (
        await client.get("/distributions", params={"contract_id": HUB, "period": "2026-10"})
    ).json()
    assert got["status"] == "completed" and got["income_pence"] == 250000
    assert got["costs_pence"] + got["retained_pence"] + got["remainder_pence"] == 250000
    # The contract year started in April: March 2027 settles the rounding pennies.
    pretend_today_is(monkeypatch, date(2027, 3, 1))
    run = (await client.post("/payment-runs", json={"period": "2027-03"})).json()
    assert [p["amount_pence"] for p in run["payments"]] == [3_000_001 - 11 * 250000]


async def test_running_the_payment_run_twice_pays_once(
    db: Database, client: httpx.AsyncClient
) -> None:
    for event in (hub_activated(), admin_subcontract(), period_closed()):
        await apply(db, event)
    first = (await client.post("/payment-runs", json={"period": "2026-10"})).json()
    second = (await client.post("/payment-runs", json={"period": "2026-10"})).json()
    assert len(first["payments"]) == 1 and len(first["distributions"]) == 1
    assert second["payments"] == [] and second["distributions"] == []
    async with db.unit_of_work() as uow:
        count = len((await uow.session.execute(select(payments))).all())
    assert count == 1
    balance = (await client.get("/ledger/trial-balance")).json()
    assert balance["balanced"] and balance["debits_pence"] == DEBITS


async def test_concurrent_payment_runs_pay_once(db: Database, client: httpx.AsyncClient) -> None:
    for event in (hub_activated(), admin_subcontract(), period_closed()):
        await apply(db, event)
    runs = await asyncio.gather(
        *(client.post("/payment-runs", json={"period": "2026-10"}) for _ in range(4))
    )
    assert all(r.status_code == 200 for r in runs)
    assert sum(len(r.json()["payments"]) for r in runs) == 1
    assert sum(len(r.json()["distributions"]) for r in runs) == 1
    balance = (await client.get("/ledger/trial-balance")).json()
    assert balance["balanced"] and balance["debits_pence"] == DEBITS


async def test_a_restated_period_is_settled_by_an_adjustment_of_the_difference(
    db: Database, client: httpx.AsyncClient
) -> None:
    for event in (hub_activated(), admin_subcontract(), period_closed()):
        await apply(db, event)
    await client.post("/payment-runs", json={"period": "2026-10"})
    await apply(db, period_closed(revision=2, b_first=6))  # two more first appointments at B
    run = (await client.post("/payment-runs", json={"period": "2026-10"})).json()
    assert [p["amount_pence"] for p in run["payments"]] == [2 * 15000]
    [adjusted] = run["distributions"]
    assert adjusted["revision"] == 2 and adjusted["income_pence"] == INCOME + 30000
    ops = {"authorization": _ops(client)}
    total = 0
    for ods in (PRACTICE_A, PRACTICE_B, ADMIN):
        found = (await client.get(f"/accounts/{ods}", headers=ops)).json()["accounts"]
        line = next(x for x in adjusted["lines"] if x["practice_ods"] == ods)
        assert found[0]["balance_pence"] == line["total_pence"]
        total += line["total_pence"]
    fed = (await client.get(f"/accounts/{FEDERATION}", headers=ops)).json()["accounts"]
    assert fed[0]["balance_pence"] + total == INCOME + 30000


async def test_a_posting_cannot_be_updated_or_deleted(
    db: Database, client: httpx.AsyncClient
) -> None:
    for event in (hub_activated(), admin_subcontract(), period_closed()):
        await apply(db, event)
    await client.post("/payment-runs", json={"period": "2026-10"})
    for statement in ("UPDATE postings SET amount_pence = 0", "DELETE FROM postings"):
        async with db.unit_of_work() as uow:
            with pytest.raises(DBAPIError, match="append-only"):
                await uow.session.execute(text(statement))


async def test_an_unbalanced_transaction_is_refused_by_the_database(db: Database) -> None:
    async with db.unit_of_work() as uow:
        await uow.session.execute(
            text("INSERT INTO accounts VALUES ('provider:A81001', 'provider', 'A81001', now())")
        )
        await uow.session.execute(
            text(
                "INSERT INTO ledger_transactions VALUES "
                "('t1', 'payment', 'c', '2026-10', 'block', 'bad', now())"
            )
        )
        await uow.session.execute(
            text(
                "INSERT INTO postings (transaction_id, account, amount_pence, memo, posted_at) "
                "VALUES ('t1', 'provider:A81001', 100, 'one-legged', now())"
            )
        )
        with pytest.raises(DBAPIError, match="unbalanced"):
            await uow.commit()
    async with db.unit_of_work() as uow:
        assert (await uow.session.execute(select(postings))).all() == []


async def test_distributing_every_federation_of_ten_times_england_takes_few_locks(
    db: Database,
) -> None:
    """A lock each for 12,500 federations ran PostgreSQL out of shared memory (its lock table);
    by bucket, a month end that size takes at most ``LOCK_BUCKETS``."""
    from services.payments.runs import LOCK_BUCKETS, _lock

    async with db.unit_of_work() as uow:
        await _lock(uow.session, [f"Y{n:05d}" for n in range(12_500)])
        held = await uow.session.scalar(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                " AND pid = pg_backend_pid()"
            )
        )
        assert 0 < held <= LOCK_BUCKETS


async def test_a_second_contract_paying_the_same_provider_for_the_same_service_is_flagged(
    db: Database, client: httpx.AsyncClient
) -> None:
    block = PaymentTerms(basis="block", schedule="monthly", annual_value_pence=120000)
    await apply(
        db, hub_activated(contract_id="derm-a", kind="LES", distribution=None, payment=block)
    )
    await apply(
        db, hub_activated(contract_id="derm-b", kind="LES", distribution=None, payment=block)
    )
    run = (await client.post("/payment-runs", json={"period": "2026-10"})).json()
    flags = {p["contract_id"]: p["double_funding_contract_ids"] for p in run["payments"]}
    assert flags == {"derm-a": [], "derm-b": ["derm-a"]}


async def test_a_run_that_dies_mid_distribution_leaves_nothing_and_the_next_pays_once(
    db: Database, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import services.payments.runs as runs

    for event in (hub_activated(), admin_subcontract(), period_closed()):
        await apply(db, event)
    real = runs._post_distributions

    def crash(*args: object) -> object:
        raise RuntimeError("process killed mid-distribution")

    monkeypatch.setattr(runs, "_post_distributions", crash)
    with pytest.raises(RuntimeError, match="mid-distribution"):  # the test client re-raises
        await client.post("/payment-runs", json={"period": "2026-10"})
    balance = (await client.get("/ledger/trial-balance")).json()
    assert balance == {"balanced": True, "debits_pence": 0, "credits_pence": 0}
    monkeypatch.setattr(runs, "_post_distributions", real)
    again = (await client.post("/payment-runs", json={"period": "2026-10"})).json()
    assert len(again["payments"]) == 1 and len(again["distributions"]) == 1
    balance = (await client.get("/ledger/trial-balance")).json()
    assert balance == {"balanced": True, "debits_pence": DEBITS, "credits_pence": DEBITS}


@pytest.mark.parametrize("period", ["0000-01", "9999-12", "1999-12", "2026-13", "26-10"])
async def test_a_period_outside_the_calendar_is_a_422_naming_it(
    client: httpx.AsyncClient, period: str
) -> None:
    """0000-01 and 9999-12 once answered 500: their months overflow the date arithmetic."""
    response = await client.post("/payment-runs", json={"period": period})
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["period"]
    for path, params in (
        ("/payment-runs", {"period": period}),
        ("/distributions", {"contract_id": HUB, "period": period}),
    ):
        assert (await client.get(path, params=params)).status_code == 422


async def test_a_period_not_yet_begun_is_not_paid(
    db: Database, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run for 2030-12 once paid three contracts 49 months early."""
    await apply(db, hub_activated(payment=PaymentTerms(basis="block", schedule="monthly",
                                                      annual_value_pence=1_200_000)))  # fmt: skip
    pretend_today_is(monkeypatch, date(2026, 10, 31))
    response = await client.post("/payment-runs", json={"period": "2026-11"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "period"
    assert "2026-11 has not begun" in response.json()["detail"]
    pretend_today_is(monkeypatch, date(2026, 11, 1))
    run = (await client.post("/payment-runs", json={"period": "2026-11"})).json()
    assert [p["amount_pence"] for p in run["payments"]] == [100_000]


@pytest.mark.parametrize(
    "key", [["x"], ["2026-01-01T00:00:00", "run_1"], [1.5], [["x"]], ["x", "y", "z"]]
)
async def test_a_forged_cursor_is_a_422_naming_it(
    client: httpx.AsyncClient, key: list[object]
) -> None:
    """A cursor of ["x"] once answered 500 on /accounts/{ods} and /payment-runs."""
    from shared.pagination import encode_cursor

    cursor = encode_cursor(key)
    for path in (
        "/payment-runs",
        f"/accounts/{COMMISSIONER}",
        f"/statements/{COMMISSIONER}/2026-10",
    ):
        response = await client.get(path, params={"cursor": cursor})
        assert response.status_code == 422, (path, response.text)
        assert response.json()["errors"][0]["field"] == "cursor"
