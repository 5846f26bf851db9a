"""Read models of other services' events (contracts and their terms histories, closed activity,
subcontracts, KPI achievements, list sizes, organisations), the items a later run must settle,
and the reads a payment run's snapshot is made of. Events arrive in any order and more than
once, so every write here is an idempotent upsert that never lets an older fact overwrite a
newer one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Select, delete, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from services.payments.books import claim, insert_unless_exists
from services.payments.domain.distribution import PracticeActivity, Rule
from services.payments.domain.facts import Achievement, Activity, ListSizes
from services.payments.domain.periods import add_months, period_end
from services.payments.domain.terms import Contract, PaymentTerms, Tariff, TermsVersion
from services.payments.store import (
    closed_periods,
    contract_terms,
    contracts,
    list_sizes,
    organisations,
    pending_items,
    performance,
    subcontracts,
)
from shared.calendar import period_start
from shared.events import contracts as events
from shared.events.federation import ActivityPeriodClosed

T = TypeVar("T")

ContractEvent = events.ContractActivated | events.ContractVaried | events.ContractTerminated


def chunked(values: list[T], size: int = 2000) -> Iterator[list[T]]:
    """``values`` in slices, so that an ``IN`` list stays well inside a driver's limit on bind
    parameters (32,767 for asyncpg)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


# --- contracts and their terms -------------------------------------------------------------


async def keep_contract(session: AsyncSession, event: ContractEvent) -> None:
    """Keep a contract as its newest event describes it. An event with ``history_revision``
    newer than the one kept replaces the whole terms history (a backdated variation inserts a
    version and restates the later ones); an older one changes nothing. Events from before
    histories existed carry one version, kept by its ``effective_from`` as they always were. A
    termination is final: a late activation or variation does not undo it."""
    terminated_on = event.terminated_on
    if isinstance(event, events.ContractTerminated):
        terminated_on = terminated_on or event.effective_from
    values = {
        "contract_id": event.contract_id,
        "kind": event.kind,
        "status": "terminated" if terminated_on else event.status,
        "commissioner_ods": event.commissioner_ods,
        "provider_ods": event.provider_ods,
        "service": event.service,
        "start_date": event.start_date,
        # The contract ends as its latest version says: a variation's event carries the
        # version it made (with that version's end date), not necessarily the latest.
        "end_date": _latest(event).end_date,
        "terminated_on": terminated_on,
        "parent_contract_id": event.parent_contract_id,
        "history_revision": event.history_revision,
    }
    kept = (
        await session.execute(
            select(contracts.c.history_revision).where(contracts.c.contract_id == event.contract_id)
        )
    ).first()
    if kept is None:
        await session.execute(insert_unless_exists(session, contracts, values))
        await _replace_terms(session, event)
        return
    stored = kept.history_revision
    if event.history_revision is not None and (stored is None or event.history_revision > stored):
        newer = True
    elif event.history_revision is None and stored is None:
        newer = False  # both from before histories: the version is kept by its date
    else:
        return  # older than the history kept (or the same one again)
    changes = {k: v for k, v in values.items() if k != "contract_id"}
    if terminated_on is None:
        del changes["terminated_on"], changes["status"]
    if not newer:
        del changes["history_revision"]
    await session.execute(
        update(contracts).where(contracts.c.contract_id == event.contract_id).values(changes)
    )
    if newer:
        await _replace_terms(session, event)
    else:
        await _keep_version(session, event.contract_id, _entry_of(event))


def _latest(event: ContractEvent) -> events.TermsEntry:
    """The latest version of the terms (the one that holds the contract's end date)."""
    if event.history:
        return max(event.history, key=lambda entry: entry.effective_from)
    return _entry_of(event)


def _entry_of(event: ContractEvent) -> events.TermsEntry:
    return events.TermsEntry(
        effective_from=event.effective_from,
        end_date=event.end_date,
        payment=event.payment,
        distribution=event.distribution,
    )


def _terms_row(contract_id: str, entry: events.TermsEntry) -> dict[str, Any]:
    return {
        "contract_id": contract_id,
        "effective_from": entry.effective_from,
        "end_date": entry.end_date,
        "payment": entry.payment.model_dump(mode="json"),
        "distribution": entry.distribution.model_dump(mode="json") if entry.distribution else None,
    }


async def _replace_terms(session: AsyncSession, event: ContractEvent) -> None:
    history = event.history or [_entry_of(event)]
    contract_id = event.contract_id
    await session.execute(delete(contract_terms).where(contract_terms.c.contract_id == contract_id))
    rows = {entry.effective_from: _terms_row(contract_id, entry) for entry in history}
    await session.execute(insert(contract_terms), list(rows.values()))


async def _keep_version(session: AsyncSession, contract_id: str, entry: events.TermsEntry) -> None:
    row = _terms_row(contract_id, entry)
    key = (contract_terms.c.contract_id == contract_id) & (
        contract_terms.c.effective_from == entry.effective_from
    )
    await session.execute(insert_unless_exists(session, contract_terms, row))
    await session.execute(update(contract_terms).where(key).values(row))


def _payment_terms(stored: dict[str, Any]) -> PaymentTerms:
    p = events.PaymentTerms.model_validate(stored)
    return PaymentTerms(
        basis=p.basis,
        schedule=p.schedule,
        annual_value_pence=p.annual_value_pence,
        tariff=Tariff(p.tariff.first_pence, p.tariff.follow_up_pence) if p.tariff else None,
        per_head_pence=p.per_head_pence,
        upfront_percent=p.upfront_percent,
        true_up=p.true_up,
        fees=None if p.fees is None else tuple((f.service_code, f.fee_pence) for f in p.fees),
    )


def _rule(stored: dict[str, Any] | None) -> Rule | None:
    if not stored:
        return None
    d = events.DistributionRule.model_validate(stored)
    return Rule(
        d.retained_percent,
        d.admin_charge_per_patient_pence,
        d.premises_per_consultation_pence,
        d.clinician_fee_per_consultation_pence,
    )


async def contracts_by_id(session: AsyncSession, ids: Iterable[str]) -> dict[str, Contract]:
    """The contracts named, with their whole terms history; two queries a chunk."""
    found: dict[str, Contract] = {}
    for chunk in chunked(sorted(set(ids))):
        versions: dict[str, list[TermsVersion]] = {}
        terms = await session.execute(
            select(contract_terms)
            .where(contract_terms.c.contract_id.in_(chunk))
            .order_by(contract_terms.c.contract_id, contract_terms.c.effective_from)
        )
        for t in terms.all():
            version = TermsVersion(
                t.effective_from, _payment_terms(t.payment), _rule(t.distribution)
            )
            versions.setdefault(t.contract_id, []).append(version)
        rows = await session.execute(select(contracts).where(contracts.c.contract_id.in_(chunk)))
        for row in rows.all():
            found[row.contract_id] = Contract(
                contract_id=row.contract_id,
                kind=row.kind,
                commissioner_ods=row.commissioner_ods,
                provider_ods=row.provider_ods,
                service=row.service,
                start_date=row.start_date,
                history=tuple(versions.get(row.contract_id, ())),
                end_date=row.end_date,
                terminated_on=row.terminated_on,
                parent_contract_id=row.parent_contract_id,
            )
    return found


async def with_primes(session: AsyncSession, found: dict[str, Contract]) -> dict[str, Contract]:
    """``found`` and every contract up its PRIME chains (the primes that pay subcontracts)."""
    while missing := {
        c.parent_contract_id
        for c in found.values()
        if c.parent_contract_id is not None and c.parent_contract_id not in found
    }:
        more = await contracts_by_id(session, missing)
        if not more:
            break
        found = {**found, **more}
    return found


async def contracts_paid_around(
    session: AsyncSession, period: str, commissioner_ods: str | None
) -> list[str]:
    """The ids of the contracts (a commissioner's, if given) in force in some month of the year
    to ``period``: any item booked to ``period`` covers months of that year at most (a
    financial year's true-up in March)."""
    first, last = period_start(add_months(period, -11)), period_end(period)
    query = (
        select(contracts.c.contract_id)
        .where(contracts.c.start_date <= last)
        .where(contracts.c.end_date.is_(None) | (contracts.c.end_date >= first))
        .where(contracts.c.terminated_on.is_(None) | (contracts.c.terminated_on > first))
        .order_by(contracts.c.contract_id)
    )
    if commissioner_ods is not None:
        query = query.where(contracts.c.commissioner_ods == commissioner_ods)
    return list((await session.execute(query)).scalars())


async def contracts_of_provider(
    session: AsyncSession, ods: str, among: Select[str] | None = None
) -> list[str]:
    """The contracts ``ods`` provides (of those ``among`` names, if given)."""
    query = select(contracts.c.contract_id).where(contracts.c.provider_ods == ods)
    if among is not None:
        query = query.where(contracts.c.contract_id.in_(among))
    return list((await session.execute(query.order_by(contracts.c.contract_id))).scalars())


async def subcontracts_held(
    session: AsyncSession, practice_ods: str, among: Select[str] | None = None
) -> list[tuple[str, date, date | None]]:
    """(hub, start, end) of each subcontract the practice holds, current or past (under the
    hubs ``among`` names, if given)."""
    query = select(subcontracts.c.contract_id, subcontracts.c.start_date, subcontracts.c.end_date)
    query = query.where(subcontracts.c.practice_ods == practice_ods)
    if among is not None:
        query = query.where(subcontracts.c.contract_id.in_(among))
    rows = await session.execute(query.order_by(subcontracts.c.contract_id))
    return [(r.contract_id, r.start_date, r.end_date) for r in rows.all()]


# --- items a later run settles ------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    contract_id: str
    period: str
    reason: str
    noted_at: datetime
    version: int


async def note_pending(
    session: AsyncSession, notes: Iterable[tuple[str, str, str]], at: datetime
) -> None:
    """Note (contract, period, reason) for a later run to settle; a note already there is
    renewed (its version rises, so a run that read the older one leaves it)."""
    rows = {
        (c, p): {"contract_id": c, "period": p, "reason": r, "noted_at": at, "version": 1}
        for c, p, r in notes
    }
    if not rows:
        return
    dialect: Any = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(pending_items)
    statement = statement.on_conflict_do_update(
        index_elements=["contract_id", "period"],
        set_={
            "reason": statement.excluded.reason,
            "noted_at": statement.excluded.noted_at,
            "version": pending_items.c.version + 1,
        },
    )
    for chunk in chunked(sorted(rows)):
        await session.execute(statement, [rows[key] for key in chunk])


async def clear_pending(session: AsyncSession, settled: Iterable[Pending]) -> None:
    """Clear what a run settled, unless it was noted again since the run read it."""
    keys = [(p.contract_id, p.period, p.version) for p in settled]
    columns = tuple_(pending_items.c.contract_id, pending_items.c.period, pending_items.c.version)
    for chunk in chunked(keys, 1000):
        await session.execute(delete(pending_items).where(columns.in_(chunk)))


def _pending_query(
    commissioner_ods: str | None,
    through: str | None = None,
    after: tuple[str, str] | None = None,
) -> Select[Any]:
    """What waits to be settled, oldest period first (after ``after``, a (period, contract)
    key, for paging)."""
    query = select(pending_items).order_by(pending_items.c.period, pending_items.c.contract_id)
    if after is not None:
        key = tuple_(pending_items.c.period, pending_items.c.contract_id)
        query = query.where(key > tuple_(*after))
    if through is not None:
        query = query.where(pending_items.c.period <= through)
    if commissioner_ods is not None:
        query = query.where(
            pending_items.c.contract_id.in_(contracts_commissioned_by(commissioner_ods))
        )
    return query


async def pending_through(
    session: AsyncSession, period: str, commissioner_ods: str | None
) -> list[Pending]:
    """What waits to be settled for periods up to ``period`` (a commissioner's, if given)."""
    rows = await session.execute(_pending_query(commissioner_ods, period))
    return [Pending(r.contract_id, r.period, r.reason, r.noted_at, r.version) for r in rows.all()]


async def pending_page(
    session: AsyncSession,
    commissioner_ods: str | None,
    through: str | None,
    after: tuple[str, str] | None,
    limit: int,
) -> list[Any]:
    """Up to ``limit`` of what waits to be settled, as :func:`pending_through` orders it."""
    query = _pending_query(commissioner_ods, through, after).limit(limit)
    return list((await session.execute(query)).all())


async def contract_parties(session: AsyncSession, contract_id: str) -> tuple[str, str] | None:
    """The contract's commissioner and provider, or None if payments does not know it."""
    c = contracts.c
    found = (
        await session.execute(
            select(c.commissioner_ods, c.provider_ods).where(c.contract_id == contract_id)
        )
    ).first()
    return None if found is None else (found[0], found[1])


# --- closed activity, achievements, list sizes, subcontracts ---------------------------------


async def keep_closed_period(session: AsyncSession, event: ActivityPeriodClosed) -> bool:
    """Keep the counts of the latest revision; False for an older revision arriving late."""
    values = {
        "contract_id": event.contract_id,
        "period": event.period,
        "revision": event.revision,
        "federation_ods": event.federation_ods,
        "patients": event.patients,
        "practices": [p.model_dump() for p in event.practices],
        "services": None if event.services is None else [s.model_dump() for s in event.services],
    }
    if await claim(session, closed_periods, values):
        return True
    result = await session.execute(
        update(closed_periods)
        .where(closed_periods.c.contract_id == event.contract_id)
        .where(closed_periods.c.period == event.period)
        .where(closed_periods.c.revision < event.revision)
        .values(values)
    )
    return bool(cast(CursorResult[Any], result).rowcount)


async def closed_activity(
    session: AsyncSession, contract_ids: Iterable[str], periods: Iterable[str]
) -> dict[str, dict[str, Activity]]:
    """The closed months among ``periods`` of each contract, by contract id and period."""
    found: dict[str, dict[str, Activity]] = {}
    wanted = sorted(set(periods))
    if not wanted:
        return found
    for ids in chunked(sorted(set(contract_ids))):
        rows = await session.execute(
            select(closed_periods)
            .where(closed_periods.c.contract_id.in_(ids))
            .where(closed_periods.c.period.in_(wanted))
        )
        for row in rows.all():
            work = tuple(
                PracticeActivity(p["practice_ods"], p["first"], p["follow_up"], p["hosted"])
                for p in row.practices
            )
            services = tuple((s["service_code"], s["count"]) for s in row.services or ())
            activity = Activity(row.revision, row.patients, work, services)
            found.setdefault(row.contract_id, {})[row.period] = activity
    return found


async def closed_months_of(session: AsyncSession, contract_id: str) -> list[str]:
    query = select(closed_periods.c.period).where(closed_periods.c.contract_id == contract_id)
    return sorted((await session.execute(query)).scalars())


async def admin_practices(
    session: AsyncSession, months: dict[str, set[str]]
) -> dict[tuple[str, str], str]:
    """For each contract and month asked for (``months`` by contract id): the practice holding
    the admin role in force in it (the lowest ODS code if several do, so that every replica
    picks the same one); absent where none does."""
    found: dict[tuple[str, str], str] = {}
    for ids in chunked(sorted(months)):
        rows = await session.execute(
            select(subcontracts.c.contract_id, subcontracts.c.practice_ods, subcontracts.c.roles)
            .add_columns(subcontracts.c.start_date, subcontracts.c.end_date)
            .where(subcontracts.c.contract_id.in_(ids))
            .order_by(subcontracts.c.contract_id, subcontracts.c.practice_ods)
        )
        for row in rows.all():
            if "admin" not in row.roles:
                continue
            for month in months[row.contract_id]:
                first, last = period_start(month), period_end(month)
                if row.start_date <= last and (row.end_date is None or row.end_date >= first):
                    found.setdefault((row.contract_id, month), row.practice_ods)
    return found


async def keep_performance(
    session: AsyncSession,
    contract_id: str,
    quarter: str,
    achievement: Decimal,
    version: int,
    at: datetime,
) -> bool:
    """Keep a quarter's KPI result: a higher version supersedes whatever order they arrive in;
    of one version (results sent before versions existed), the latest sent. True if the
    achievement kept changed; a redelivered or superseded one changes nothing."""
    values = {
        "contract_id": contract_id,
        "quarter": quarter,
        "achievement_percent": str(achievement),
        "revision": 1,
        "recorded_at": at,
        "version": version,
    }
    if await claim(session, performance, values):
        return True
    newer = (performance.c.version < version) | (
        (performance.c.version == version) & (performance.c.recorded_at < at)
    )
    result = await session.execute(
        update(performance)
        .where(performance.c.contract_id == contract_id)
        .where(performance.c.quarter == quarter)
        .where(newer)
        .values(version=version, recorded_at=at)
    )
    if not cast(CursorResult[Any], result).rowcount:
        return False
    changed = await session.execute(
        update(performance)
        .where(performance.c.contract_id == contract_id)
        .where(performance.c.quarter == quarter)
        .where(performance.c.achievement_percent != str(achievement))
        .values(achievement_percent=str(achievement), revision=performance.c.revision + 1)
    )
    return bool(cast(CursorResult[Any], changed).rowcount)


async def achievements_of(
    session: AsyncSession, contract_ids: Iterable[str]
) -> dict[str, dict[str, Achievement]]:
    found: dict[str, dict[str, Achievement]] = {}
    for ids in chunked(sorted(set(contract_ids))):
        rows = await session.execute(select(performance).where(performance.c.contract_id.in_(ids)))
        for row in rows.all():
            recorded = Achievement(Decimal(row.achievement_percent), int(row.version))
            found.setdefault(row.contract_id, {})[row.quarter] = recorded
    return found


#: Where an undated list size is kept: in force from the start, until a dated one.
UNDATED = date(1, 1, 1)


async def keep_list_size(
    session: AsyncSession, ods: str, list_size: int, effective_from: date | None, at: datetime
) -> date | None:
    """Keep a list size; the first day it changes sizes from, or None if it changes nothing.

    A dated size is in force from its date (of two for one date, the later sent). An undated
    one (sent before contracts dated every size) cannot say from when: it is kept only as an
    organisation's first size, in force from the start, and otherwise changes nothing, so that
    it never overwrites a dated size nor the size periods already paid were paid on."""
    if effective_from is None:
        known = await session.scalar(select(list_sizes.c.ods).where(list_sizes.c.ods == ods))
        if known is not None:
            return None
    values = {
        "ods": ods,
        "effective_from": effective_from or UNDATED,
        "list_size": list_size,
        "recorded_at": at,
    }
    if await claim(session, list_sizes, values):
        return values["effective_from"]  # type: ignore[return-value]
    result = await session.execute(
        update(list_sizes)
        .where(list_sizes.c.ods == ods)
        .where(list_sizes.c.effective_from == values["effective_from"])
        .where(list_sizes.c.recorded_at < at)
        .where(list_sizes.c.list_size != list_size)
        .values(list_size=list_size, recorded_at=at)
    )
    return effective_from if cast(CursorResult[Any], result).rowcount else None


async def list_sizes_of(session: AsyncSession, ods: Iterable[str]) -> dict[str, ListSizes]:
    found: dict[str, list[tuple[date, int]]] = {}
    for codes in chunked(sorted(set(ods))):
        rows = await session.execute(
            select(list_sizes)
            .where(list_sizes.c.ods.in_(codes))
            .order_by(list_sizes.c.ods, list_sizes.c.effective_from)
        )
        for row in rows.all():
            found.setdefault(row.ods, []).append((row.effective_from, int(row.list_size)))
    return {code: ListSizes(tuple(sizes)) for code, sizes in found.items()}


# --- organisations and the relations access is decided by ----------------------------------


async def keep_organisation(
    session: AsyncSession, ods: str, kind: str, parent_ods: str | None, at: datetime
) -> None:
    """Keep an organisation as the latest of its events describes it (they may arrive out of
    order, so an older event never overwrites a newer one)."""
    values = {"ods_code": ods, "kind": kind, "parent_ods": parent_ods, "as_of": at}
    if await claim(session, organisations, values):
        return
    await session.execute(
        update(organisations)
        .where(organisations.c.ods_code == ods)
        .where(organisations.c.as_of <= at)
        .values(kind=kind, parent_ods=parent_ods, as_of=at)
    )


def contracts_commissioned_by(commissioner_ods: str) -> Select[str]:
    """The ids of the contracts a commissioner commissions (a query, to nest in others)."""
    return select(contracts.c.contract_id).where(contracts.c.commissioner_ods == commissioner_ods)


def hubs_held_by(federation_ods: str) -> Select[str]:
    """The ids of the hub contracts a federation holds (a query, to nest in others)."""
    return (
        select(contracts.c.contract_id)
        .where(contracts.c.provider_ods == federation_ods)
        .where(contracts.c.kind == "HUB")
    )


async def holds_one_of(session: AsyncSession, provider_ods: str, contract_ids: Select[str]) -> bool:
    """Whether the organisation is the provider of one of the contracts."""
    query = (
        select(contracts.c.contract_id)
        .where(contracts.c.provider_ods == provider_ods)
        .where(contracts.c.contract_id.in_(contract_ids))
    )
    return await session.scalar(query.exists().select()) or False


async def subcontracted_on_one_of(
    session: AsyncSession, practice_ods: str, contract_ids: Select[str]
) -> bool:
    """Whether the practice holds a subcontract, current or past, under one of the contracts."""
    query = (
        select(subcontracts.c.subcontract_id)
        .where(subcontracts.c.practice_ods == practice_ods)
        .where(subcontracts.c.contract_id.in_(contract_ids))
    )
    return await session.scalar(query.exists().select()) or False
