"""The property of ``tests/unit/payments/test_restatements.py`` through the real service: random
contracts, variations and terminations (backdated or not), KPI results and payment runs in any
order, as events through the handlers and runs through the API on PostgreSQL. After every step
the trial balance balances and a second run moves nothing; at the end every period run is paid
exactly its independently recomputed due (``Expected``, written apart from the code under test)."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from services.payments.app import create_app
from services.payments.settings import Settings
from services.payments.store import payments
from shared.db import Database
from shared.events.contracts import (
    ContractActivated,
    ContractPerformanceRecorded,
    ContractTerminated,
    ContractVaried,
    PaymentTerms,
)
from tests.conftest import running, truncate_all
from tests.integration.payments.support import (
    COMMISSIONER,
    ORGANISATIONS,
    apply,
    bearer,
    hub_activated,
    payments_url,
    with_history,
)
from tests.unit.payments.test_restatements import (
    MONTHS,
    START,
    Expected,
    Terms,
    _first_day,
    _period,
    steps,
    terms_st,
)

pytestmark = pytest.mark.integration
__all__ = ["payments_url"]  # fixtures

CONTRACT, PROVIDER = "les-1", "B86001"


def _event(
    kind: type[ContractActivated] | type[ContractVaried] | type[ContractTerminated],
    start: date,
    versions: list[Terms],
    revision: int,
    terminated_on: date | None,
) -> ContractActivated:
    def terms(t: Terms) -> PaymentTerms:
        return PaymentTerms(
            basis="block",
            schedule=t.schedule,  # type: ignore[arg-type]
            annual_value_pence=t.annual,
            upfront_percent=Decimal(t.upfront_percent),
            true_up="year_end" if t.year_end else None,
        )

    base = hub_activated(
        contract_id=CONTRACT,
        kind="LES",
        provider_ods=PROVIDER,
        start_date=start,
        service="anticoagulation",
        distribution=None,
    )
    history = [(t.effective_from, terms(t), None) for t in versions]
    extra = {"status": "terminated", "terminated_on": terminated_on} if terminated_on else {}
    return with_history(kind, base, history, revision, **extra)  # type: ignore[return-value]


async def _scenario(
    url: str, start: date, first: tuple[int, str, int, bool], history: list[tuple[object, ...]]
) -> None:
    await truncate_all(url)
    settings_ = Settings(database_url=url, bus_enabled=False)
    app = create_app(settings_)
    db: Database = app.state.db
    for organisation in ORGANISATIONS:
        await apply(db, organisation)
    versions = [Terms(start, *first)]
    terminated_on: date | None = None
    achievements: dict[str, Decimal] = {}
    revision = 1
    await apply(db, _event(ContractActivated, start, versions, revision, None))
    run: set[str] = set()
    async with running(app) as client:
        client.headers["authorization"] = bearer(settings_, "commissioner", COMMISSIONER)

        async def pay(period: str) -> list[object]:
            response = await client.post("/payment-runs", json={"period": period})
            assert response.status_code == 200, response.text
            found: list[object] = response.json()["payments"]
            return found

        for step in history:
            if step[0] == "run":
                period = _period(START + int(step[1]))  # type: ignore[call-overload]
                await pay(period)
                run.add(period)
                assert await pay(period) == [], f"a second run for {period} paid"
            elif step[0] in ("vary", "terminate"):
                revision += 1
                if step[0] == "vary":
                    effective = max(start, _first_day(START + int(step[1])))  # type: ignore[call-overload]
                    versions = [v for v in versions if v.effective_from < effective]
                    versions.append(Terms(effective, *step[2]))  # type: ignore[misc]
                    kind: type[ContractActivated] = ContractVaried
                else:
                    terminated_on = _first_day(START + int(step[1])) + timedelta(days=9)  # type: ignore[call-overload]
                    kind = ContractTerminated
                await apply(db, _event(kind, start, versions, revision, terminated_on))
            else:
                quarter_end = _period(START + 2 + 3 * int(step[1]))  # type: ignore[call-overload]
                quarter = f"{quarter_end[:4]}-Q{int(quarter_end[5:]) // 3}"
                achievements[quarter] = Decimal(step[2])  # type: ignore[arg-type]
                base = _event(ContractActivated, start, versions, revision, terminated_on)
                result = ContractPerformanceRecorded(
                    **base.model_dump(),
                    quarter=quarter,
                    achievement_percent=achievements[quarter],
                    version=len(achievements) + 10,
                )
                await apply(db, result)
            trial = (await client.get("/ledger/trial-balance")).json()
            assert trial["balanced"], trial
        if run:
            await pay(max(run))
    expected = Expected(start, tuple(versions), terminated_on, achievements)
    async with db.unit_of_work() as uow:
        rows = await uow.session.execute(
            select(payments.c.period, payments.c.basis, func.sum(payments.c.amount_pence)).group_by(
                payments.c.period, payments.c.basis
            )
        )
        paid: dict[str, dict[str, int]] = {}
        for period, basis, amount in rows.all():
            paid.setdefault(period, {})[basis] = int(amount)
    await db.dispose()
    for m in range(START, START + MONTHS):
        period = _period(m)
        due, got = expected.due(period), paid.get(period, {})
        if period not in run and not got:
            continue
        for basis in set(due) | set(got):
            assert got.get(basis, 0) == (due.get(basis) or 0), f"{period} {basis}: {got} != {due}"


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start_day=st.sampled_from([1, 15]), first=terms_st, history=steps)
def test_the_service_pays_every_period_run_its_due_under_any_history_of_changes(
    payments_url: str,
    start_day: int,
    first: tuple[int, str, int, bool],
    history: list[tuple[object, ...]],
) -> None:
    with mock.patch("services.payments.api.uk_today", lambda: date(2027, 12, 31)):
        asyncio.run(_scenario(payments_url, date(2026, 4, start_day), first, history))
