"""Income that arrives after its activity month follows the activity it pays for (issue 16
point 3): a quarter's arrears are shared by each of its months' own closed counts, a true-up
restates the months it trues up, and both still reach the practices after the hub has ended.
And a month with nothing to share says so truthfully (point 2's "10% retained and 90% shared
when nothing was shared"), with a real transaction id."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import select

from services.payments.store import metadata
from shared.db import Database
from shared.events.contracts import (
    ContractActivated,
    ContractPerformanceRecorded,
    ContractTerminated,
    PaymentTerms,
)
from shared.events.federation import ActivityPeriodClosed, PracticeActivity
from tests.integration.payments.support import (
    ADMIN,
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

START = date(2026, 4, 1)
MONTH = 258_000  # the worked example's income, a month
ARREARS = PaymentTerms(basis="block", schedule="quarterly_arrears", annual_value_pence=12 * MONTH)
WORKED = {PRACTICE_A: 143_288, PRACTICE_B: 45_262, ADMIN: 56_000}  # README, 10% retained
# August: B did two more first appointments (15:7): costs 129,500, profit 128,500, 12,850
# retained, 115,650 by 15:7 = 78,852.27 : 36,797.73 -> 78,852 : 36,798.
AUGUST = {PRACTICE_A: 78_852 + 7_500 + 45_000, PRACTICE_B: 36_798 + 21_000, ADMIN: 56_000}


@pytest.fixture(autouse=True)
def _in_2027(monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_today_is(monkeypatch, date(2027, 4, 30))


def idle(period: str) -> ActivityPeriodClosed:
    """A month closed with nobody seen."""
    nobody = [
        PracticeActivity(practice_ods=ods, first=0, follow_up=0, total=0, patients=0, hosted=0)
        for ods in (PRACTICE_A, PRACTICE_B)
    ]
    return ActivityPeriodClosed(
        contract_id=HUB, federation_ods=FEDERATION, period=period, patients=0, practices=nobody
    )


def lines(distribution: dict[str, object]) -> dict[str, int]:
    return {x["practice_ods"]: x["total_pence"] for x in distribution["lines"]}  # type: ignore[attr-defined, index]


async def test_a_quarters_arrears_are_shared_by_each_of_its_months_own_counts(
    db: Database, client: httpx.AsyncClient
) -> None:
    await apply(db, hub_activated(payment=ARREARS))
    await apply(db, admin_subcontract())
    for closed in (period_closed("2026-07"), period_closed("2026-08", b_first=6), idle("2026-09")):
        await apply(db, closed)
    # October's own counts, very different: they must not share the third quarter's money.
    await apply(db, period_closed("2026-10", b_first=40))
    assert (await run(client, "2026-09"))["distributions"] == [], "nothing is paid until October"
    october = await run(client, "2026-10")
    assert paid(october) == [("2026-10", "block", 3 * MONTH, False)]
    by_month = {d["period"]: d for d in october["distributions"]}
    assert sorted(by_month) == ["2026-07", "2026-08", "2026-09"]
    assert all(d["income_pence"] == MONTH and d["revision"] == 1 for d in by_month.values())
    assert lines(by_month["2026-07"]) == WORKED
    assert lines(by_month["2026-08"]) == AUGUST
    # September: nobody seen, so nothing shared, and the federation keeps it all (not "10%
    # retained, 90% shared"); no ledger transaction, and no empty transaction id either.
    september = by_month["2026-09"]
    assert (september["retained_pence"], september["remainder_pence"]) == (MONTH, 0)
    assert september["note"].startswith("no consultations")
    assert september["transaction_id"].startswith("dist_")
    shown = await ops_get(client, "/distributions", contract_id=HUB, period="2026-09")
    assert shown["transaction_id"] is None and shown["retained_pence"] == MONTH
    outbox = metadata.tables["outbox"]
    async with db.unit_of_work() as uow:
        published = (
            await uow.session.execute(
                select(outbox.c.payload).where(outbox.c.ce_type == "gpfed.distribution.completed")
            )
        ).scalars()
        ids = [p["transaction_id"] if isinstance(p, dict) else None for p in published]
    assert "" not in ids and len(set(ids)) == 3
    pot = 3 * MONTH - sum(WORKED.values()) - sum(AUGUST.values())
    assert await balances(client, FEDERATION) == {f"federation:{FEDERATION}": pot}
    assert pot == 13_450 + 12_850 + MONTH
    assert (await run(client, "2026-10"))["distributions"] == []


async def test_arrears_paid_after_the_hub_ended_are_still_shared_by_the_months_they_pay_for(
    db: Database, client: httpx.AsyncClient
) -> None:
    history = [(START, ARREARS, RULE)]
    activated = with_history(ContractActivated, hub_activated(payment=ARREARS), history, 1)
    await apply(db, activated)
    await apply(db, admin_subcontract())
    ended = with_history(
        ContractTerminated,
        hub_activated(payment=ARREARS),
        history,
        2,
        status="terminated",
        terminated_on=date(2026, 9, 1),
    )
    await apply(db, ended)
    for closed in (period_closed("2026-07"), period_closed("2026-08", b_first=6)):
        await apply(db, closed)
    october = await run(client, "2026-10")
    assert paid(october) == [("2026-10", "block", 2 * MONTH, False)]
    by_month = {d["period"]: lines(d) for d in october["distributions"]}
    assert by_month == {"2026-07": WORKED, "2026-08": AUGUST}
    # Only the retained shares stay in the hub pot: nothing is stranded because the hub ended.
    assert await balances(client, FEDERATION) == {f"federation:{FEDERATION}": 13_450 + 12_850}
    for ods in (PRACTICE_A, PRACTICE_B, ADMIN):
        assert await balances(client, ods) == {f"provider:{ods}": WORKED[ods] + AUGUST[ods]}


async def test_a_true_up_restates_the_distribution_of_each_month_it_trues_up(
    db: Database, client: httpx.AsyncClient
) -> None:
    upfront = PaymentTerms(
        basis="block",
        schedule="monthly_upfront_true_up",
        annual_value_pence=12 * MONTH,
        upfront_percent=Decimal("75"),
    )
    await apply(db, hub_activated(payment=upfront))
    await apply(db, admin_subcontract())
    for month in ("2026-07", "2026-08", "2026-09"):
        await apply(db, period_closed(month))
        [first] = (await run(client, month))["distributions"]
        assert (first["period"], first["income_pence"], first["revision"]) == (month, 193_500, 1)
    achieved = ContractPerformanceRecorded(
        **hub_activated(payment=upfront).model_dump(),
        quarter="2026-Q3",
        achievement_percent=Decimal("100"),
    )
    await apply(db, achieved)
    september = await run(client, "2026-09")
    assert paid(september) == [("2026-09", "true_up", 3 * 64_500, False)]
    restated = {d["period"]: d for d in september["distributions"]}
    assert sorted(restated) == ["2026-07", "2026-08", "2026-09"]
    for d in restated.values():
        # Each month now holds its full value, and is shared as the worked example.
        assert (d["revision"], d["income_pence"], lines(d)) == (2, MONTH, WORKED)
    for ods in (PRACTICE_A, PRACTICE_B, ADMIN):
        assert await balances(client, ods) == {f"provider:{ods}": 3 * WORKED[ods]}
