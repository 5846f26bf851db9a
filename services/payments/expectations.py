"""Expected payments of an organisation (``GET /accounts/{ods}/expected``): read an
:class:`Outlook` once, decide in ``domain/expected.py``. Nothing here decides an amount, a
due day or a status."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from services.payments.books import ContractScope, first_payments, paid_items, shares_of
from services.payments.domain.due import periods_booked
from services.payments.domain.expected import (
    Expected,
    HubMonthOf,
    Outlook,
    expected_payments,
    income_paid,
    months_shared,
)
from services.payments.readmodels import (
    closed_activity,
    contracts_by_id,
    contracts_of_provider,
    subcontracts_held,
    with_primes,
)
from services.payments.runs import facts_of


async def expected_for(
    session: AsyncSession, ods: str, scope: ContractScope, periods: list[str], today: date
) -> list[Expected]:
    """Every payment expected by ``ods`` booked to ``periods`` (of the contracts ``scope``
    lets the caller see), in due order."""
    paying = await contracts_of_provider(session, ods, scope)
    held = await subcontracts_held(session, ods, scope)
    found = await contracts_by_id(session, {*paying, *(hub for hub, _, _ in held)})
    own = [found[cid] for cid in paying if cid in found]
    months: dict[str, set[str]] = {}
    for hub_id, start, end in held:
        if hub_id in found:
            months.setdefault(hub_id, set()).update(
                months_shared(found[hub_id], start, end, periods)
            )
    months = {hub: found_months for hub, found_months in months.items() if found_months}
    closed = await closed_activity(session, months, set().union(*months.values()))
    booked = {
        p for found_months in months.values() for m in found_months for p in periods_booked(m)
    }
    hub_paid = await paid_items(session, months, booked)
    shares = await shares_of(session, ods, months)
    outlook = Outlook(
        periods=tuple(periods),
        today=today,
        contracts=await with_primes(session, {c.contract_id: c for c in own}),
        paying=tuple(c.contract_id for c in own),
        facts=await facts_of(session, own, periods),
        paid=await paid_items(session, paying, periods),
        made=await first_payments(session, paying, periods),
        hub_months=tuple(
            HubMonthOf(
                found[hub],
                month,
                month in closed.get(hub, {}),
                income_paid(hub, month, hub_paid),
                shares.get((hub, month)),
            )
            for hub in sorted(months)
            for month in sorted(months[hub])
        ),
    )
    return expected_payments(outlook)
