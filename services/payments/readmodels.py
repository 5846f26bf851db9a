"""Read models of other services' events: contracts and their terms, closed activity periods
and subcontracts. Events arrive in any order and more than once, so every write here is an
idempotent upsert that never lets an older fact overwrite a newer one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.payments.books import claim, insert_unless_exists
from services.payments.domain.distribution import PracticeActivity, Rule
from services.payments.domain.schedule import period_start
from services.payments.store import (
    closed_periods,
    contract_terms,
    contracts,
    list_sizes,
    organisations,
    performance,
    subcontracts,
)
from shared.events.contracts import DistributionRule, PaymentTerms
from shared.events.federation import ActivityPeriodClosed

T = TypeVar("T")


def period_end(period: str) -> date:
    start = period_start(period)
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


@dataclass(frozen=True)
class ContractInForce:
    contract_id: str
    kind: str
    commissioner_ods: str
    provider_ods: str
    service: str
    start_date: date
    payment: PaymentTerms
    distribution: DistributionRule | None

    @property
    def is_hub(self) -> bool:
        return self.distribution is not None

    @property
    def rule(self) -> Rule | None:
        d = self.distribution
        if d is None:
            return None
        return Rule(
            d.retained_percent,
            d.admin_charge_per_patient_pence,
            d.premises_per_consultation_pence,
            d.clinician_fee_per_consultation_pence,
        )


async def contracts_in_force(
    session: AsyncSession, period: str, contract_id: str | None = None
) -> list[ContractInForce]:
    """Contracts active in some part of ``period``, with the terms in force for it, in id order
    (a fixed order, so that concurrent runs claim payments in the same order). Two queries
    however many contracts there are: the contracts, then every terms row that may apply."""
    first, last = period_start(period), period_end(period)
    query = (
        select(contracts)
        .where(contracts.c.start_date <= last)
        .where(contracts.c.end_date.is_(None) | (contracts.c.end_date >= first))
        .where(contracts.c.terminated_on.is_(None) | (contracts.c.terminated_on > first))
        .order_by(contracts.c.contract_id)
    )
    if contract_id is not None:
        query = query.where(contracts.c.contract_id == contract_id)
    rows = (await session.execute(query)).all()
    if not rows:
        return []
    candidates = (
        select(contract_terms)
        .where(contract_terms.c.contract_id.in_(query.with_only_columns(contracts.c.contract_id)))
        .where(contract_terms.c.effective_from <= last)
        .order_by(contract_terms.c.contract_id, contract_terms.c.effective_from)
    )
    terms_of: dict[str, list[Any]] = {}
    for terms in (await session.execute(candidates)).all():
        terms_of.setdefault(terms.contract_id, []).append(terms)
    found = []
    for row in rows:
        terms = _terms_for(terms_of.get(row.contract_id, []), first)
        if terms is None:
            continue
        found.append(
            ContractInForce(
                contract_id=row.contract_id,
                kind=row.kind,
                commissioner_ods=row.commissioner_ods,
                provider_ods=row.provider_ods,
                service=row.service,
                start_date=row.start_date,
                payment=PaymentTerms.model_validate(terms.payment),
                distribution=(
                    DistributionRule.model_validate(terms.distribution)
                    if terms.distribution
                    else None
                ),
            )
        )
    return found


def _terms_for(candidates: list[Any], first: date) -> Any:
    """Of a contract's terms in force by the period's last day (by ``effective_from``): a
    variation changes future instalments only, so the period is paid on the terms in force on
    its first day, or, for a contract starting within it, on its first terms."""
    on_first_day = [terms for terms in candidates if terms.effective_from <= first]
    if on_first_day:
        return on_first_day[-1]
    return candidates[0] if candidates else None


async def keep_contract(
    session: AsyncSession, values: dict[str, Any], terms: dict[str, Any]
) -> None:
    await session.execute(insert_unless_exists(session, contracts, values))
    changes = {k: v for k, v in values.items() if k not in ("contract_id", "terminated_on")}
    # A termination is final: a late activation or variation must not undo it.
    if values.get("terminated_on") is not None:
        changes["terminated_on"] = values["terminated_on"]
        changes["status"] = "terminated"
    else:
        changes.pop("status", None)
    await session.execute(
        update(contracts).where(contracts.c.contract_id == values["contract_id"]).values(changes)
    )
    key = (contract_terms.c.contract_id == terms["contract_id"]) & (
        contract_terms.c.effective_from == terms["effective_from"]
    )
    await session.execute(insert_unless_exists(session, contract_terms, terms))
    await session.execute(update(contract_terms).where(key).values(terms))


async def keep_closed_period(session: AsyncSession, event: ActivityPeriodClosed) -> bool:
    """Keep the counts of the latest revision; False for an older revision arriving late."""
    values = {
        "contract_id": event.contract_id,
        "period": event.period,
        "revision": event.revision,
        "federation_ods": event.federation_ods,
        "patients": event.patients,
        "practices": [p.model_dump() for p in event.practices],
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


@dataclass(frozen=True)
class ClosedPeriod:
    revision: int
    federation_ods: str
    patients: int
    work: list[PracticeActivity]


async def closed_periods_of(
    session: AsyncSession, period: str, contract_ids: list[str]
) -> dict[str, ClosedPeriod]:
    """The closed ``period`` of each of the contracts that has one, by contract id."""
    found = {}
    for ids in chunked(contract_ids):
        rows = await session.execute(
            select(closed_periods)
            .where(closed_periods.c.contract_id.in_(ids))
            .where(closed_periods.c.period == period)
        )
        for row in rows.all():
            work = [
                PracticeActivity(p["practice_ods"], p["first"], p["follow_up"], p["hosted"])
                for p in row.practices
            ]
            found[row.contract_id] = ClosedPeriod(
                row.revision, row.federation_ods, row.patients, work
            )
    return found


async def admin_practices(
    session: AsyncSession, period: str, contract_ids: list[str]
) -> dict[str, str]:
    """The practice holding the admin role under each contract in the period (the lowest ODS
    code if several do, so that every replica picks the same one); absent where none does."""
    first, last = period_start(period), period_end(period)
    found: dict[str, str] = {}
    for ids in chunked(contract_ids):
        rows = await session.execute(
            select(subcontracts.c.contract_id, subcontracts.c.practice_ods, subcontracts.c.roles)
            .where(subcontracts.c.contract_id.in_(ids))
            .where(subcontracts.c.start_date <= last)
            .where(subcontracts.c.end_date.is_(None) | (subcontracts.c.end_date >= first))
            .order_by(subcontracts.c.contract_id, subcontracts.c.practice_ods)
        )
        for row in rows.all():
            if "admin" in row.roles:
                found.setdefault(row.contract_id, row.practice_ods)
    return found


def chunked(values: list[T], size: int = 2000) -> Iterator[list[T]]:
    """``values`` in slices, so that an ``IN`` list stays well inside a driver's limit on bind
    parameters (32,767 for asyncpg)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


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


async def keep_performance(
    session: AsyncSession, contract_id: str, quarter: str, achievement: Decimal, at: datetime
) -> None:
    """Keep the latest recorded achievement of a quarter; a changed one bumps the revision (so
    the true-up is paid again for the difference), a redelivered or older one changes nothing."""
    values = {
        "contract_id": contract_id,
        "quarter": quarter,
        "achievement_percent": str(achievement),
        "revision": 1,
        "recorded_at": at,
    }
    if await claim(session, performance, values):
        return
    await session.execute(
        update(performance)
        .where(performance.c.contract_id == contract_id)
        .where(performance.c.quarter == quarter)
        .where(performance.c.recorded_at < at)
        .where(performance.c.achievement_percent != str(achievement))
        .values(
            achievement_percent=str(achievement),
            recorded_at=at,
            revision=performance.c.revision + 1,
        )
    )


async def achievement(
    session: AsyncSession, contract_id: str, quarter: str
) -> tuple[Decimal, int] | None:
    row = (
        await session.execute(
            select(performance.c.achievement_percent, performance.c.revision)
            .where(performance.c.contract_id == contract_id)
            .where(performance.c.quarter == quarter)
        )
    ).first()
    return None if row is None else (Decimal(row.achievement_percent), int(row.revision))


UNDATED = date(1, 1, 1)


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


async def keep_list_size(
    session: AsyncSession, ods: str, list_size: int, effective_from: date | None, at: datetime
) -> None:
    """Keep the latest known list size for its effective date (undated: from the start)."""
    values = {
        "ods": ods,
        "effective_from": effective_from or UNDATED,
        "list_size": list_size,
        "recorded_at": at,
    }
    if await claim(session, list_sizes, values):
        return
    await session.execute(
        update(list_sizes)
        .where(list_sizes.c.ods == ods)
        .where(list_sizes.c.effective_from == values["effective_from"])
        .where(list_sizes.c.recorded_at < at)
        .values(list_size=list_size, recorded_at=at)
    )


async def list_size_in_force(session: AsyncSession, ods: str, period: str) -> int | None:
    """The list size in force on the period's first day (as terms are), or None if unknown."""
    row = (
        await session.execute(
            select(list_sizes.c.list_size)
            .where(list_sizes.c.ods == ods)
            .where(list_sizes.c.effective_from <= period_start(period))
            .order_by(list_sizes.c.effective_from.desc())
            .limit(1)
        )
    ).first()
    return None if row is None else int(row.list_size)
