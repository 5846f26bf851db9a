"""What events do to periods already settled: keep the new facts and note every period they
restate, for the commissioner's next payment run to settle (``GET /payment-runs/pending``
lists the notes). Nothing here moves money; ``domain/settlement.py`` decides which periods."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from services.payments.books import settled_periods
from services.payments.domain.due import PAID_ON_COUNTS
from services.payments.domain.periods import last_month_of, period_of
from services.payments.domain.settlement import periods_to_restate
from services.payments.domain.terms import Contract
from services.payments.readmodels import (
    contracts_by_id,
    contracts_of_provider,
    keep_contract,
    keep_list_size,
    keep_performance,
    note_pending,
)
from services.payments.schemes import keep_scheme
from shared.db import UnitOfWork
from shared.events.contracts import (
    ContractActivated,
    ContractPerformanceRecorded,
    ContractTerminated,
    ContractVaried,
    OrganisationRegistered,
    SchemeEvent,
)

ContractEvent = ContractActivated | ContractVaried | ContractTerminated


async def contract_changed(uow: UnitOfWork, event: ContractEvent) -> None:
    """Keep the contract as the event says; note the settled periods it now pays differently
    (a backdated variation or termination)."""
    before = (await contracts_by_id(uow.session, [event.contract_id])).get(event.contract_id)
    await keep_contract(uow.session, event)
    if before is None:
        return
    after = (await contracts_by_id(uow.session, [event.contract_id]))[event.contract_id]
    settled = await settled_periods(uow.session, event.contract_id, after.commissioner_ods)
    revision = event.history_revision
    reason = f"restatement: {event.ce_type.rsplit('.', 1)[-1]}" + (
        f" (terms history revision {revision})" if revision else ""
    )
    notes = [(event.contract_id, p, reason) for p in periods_to_restate(before, after, settled)]
    await note_pending(uow.session, notes, _now())


async def activity_restated(uow: UnitOfWork, contract_id: str, period: str, revision: int) -> None:
    """Counts closed again: a month paid at tariff or per item is owed the difference, by the
    next run."""
    contract = (await contracts_by_id(uow.session, [contract_id])).get(contract_id)
    version = contract.terms_for(period) if contract else None
    if version is not None and version.payment.basis in PAID_ON_COUNTS:
        reason = f"restatement: activity closed again (revision {revision})"
        await note_pending(uow.session, [(contract_id, period, reason)], _now())


async def achievement_recorded(
    uow: UnitOfWork, event: ContractPerformanceRecorded, at: datetime
) -> None:
    """Keep a KPI result; a changed one is trued up (again, for the difference) by the next run
    for its quarter's end (for a year-end true-up, ``YYYY-Q1``'s March closes the year)."""
    version = event.version or 1
    changed = await keep_performance(
        uow.session, event.contract_id, event.quarter, event.achievement_percent, version, at
    )
    month = last_month_of(event.quarter)
    if changed and month is not None:
        reason = f"achievement recorded for {event.quarter} (version {version})"
        await note_pending(uow.session, [(event.contract_id, month, reason)], at)


async def list_size_changed(uow: UnitOfWork, event: OrganisationRegistered, at: datetime) -> None:
    """Keep a list size; one that changes settled periods of per-head contracts of its
    organisation (a backdated dated size) restates them."""
    if event.list_size is None:
        return
    since = await keep_list_size(
        uow.session, event.ods_code, event.list_size, event.list_size_effective_from, at
    )
    if since is None:
        return
    provided = await contracts_of_provider(uow.session, event.ods_code)
    found = await contracts_by_id(uow.session, provided)
    per_head = [c for c in found.values() if any(v.payment.basis == "per_head" for v in c.history)]
    reason = f"restatement: list size of {event.ods_code} from {since.isoformat()}"
    await _note_since(uow, per_head, period_of(since), reason)


async def _note_since(
    uow: UnitOfWork, contracts: Iterable[Contract], since: str, reason: str
) -> None:
    notes = []
    for contract in contracts:
        settled = await settled_periods(
            uow.session, contract.contract_id, contract.commissioner_ods
        )
        notes += [(contract.contract_id, p, reason) for p in settled if p >= since]
    await note_pending(uow.session, notes, _now())


async def scheme_changed(uow: UnitOfWork, event: SchemeEvent, at: datetime) -> None:
    """Keep a scheme; once its year's close is settled, changed results (a correction, or a
    late practice) are settled again for every practice it enrols, by the next run: under
    network release one practice's results decide its neighbours' release."""
    if not await keep_scheme(uow.session, event, at):
        return
    close = period_of(event.year_end)
    notes = []
    for e in event.enrolments:
        settled = await settled_periods(uow.session, e.contract_id, event.commissioner_ods)
        if close in settled:
            notes.append(
                (e.contract_id, close, f"restatement: scheme results (revision {event.revision})")
            )
    await note_pending(uow.session, notes, at)


def _now() -> datetime:
    return datetime.now(UTC)
