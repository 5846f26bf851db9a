"""Gain share routes (issue 20; services/payments/README.md, "Gain share"): a commissioner's
year of savings against alliances' indicative budgets, each alliance's earnings paid to its
federation and shared among its member practices by list size, in one database transaction."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.payments.books import Entry, claim, post_all
from services.payments.domain.gain_share import (
    Alliance,
    AllianceGain,
    calculation,
    financial_year_end,
    gain_share,
    practice_shares,
)
from services.payments.domain.ledger import Posting, Transaction, account_code
from services.payments.readmodels import list_sizes_of
from services.payments.store import (
    gain_share_alliances,
    gain_shares,
    organisation_kind,
    subcontracts,
)
from shared.auth import Principal, Role, require_roles
from shared.calendar import period_of, uk_today
from shared.events.bounds import INTEGER
from shared.events.payments import (
    GainShareAlliance,
    GainSharePaid,
    GainSharePractice,
    GainShareTier,
)
from shared.money import format_pence
from shared.ods import OdsCode
from shared.pagination import Page, PageDep
from shared.problems import Forbidden, NotFound
from shared.rules import RuleBroken, WrongState
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["gain shares"])

Commissioner = Annotated[Principal, require_roles(Role.COMMISSIONER)]
Reader = Annotated[Principal, require_roles(Role.COMMISSIONER, Role.FEDERATION)]

#: £10bn: far above any CCG's spend on a service, far below BIGINT.
MAX_SPEND_PENCE = 10**12


class AllianceIn(BaseModel):
    federation_ods: OdsCode
    weighted_population: int = Field(gt=0, lt=INTEGER)
    baseline_spend_pence: int = Field(ge=0, le=MAX_SPEND_PENCE)
    actual_spend_pence: int = Field(ge=0, le=MAX_SPEND_PENCE)


class GainShareRequest(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "commissioner_ods": "03Q",
                    "service": "dermatology",
                    "year": "2025/26",
                    "alliances": [
                        {
                            "federation_ods": "Y01001",
                            "weighted_population": 100000,
                            "baseline_spend_pence": 70000000,
                            "actual_spend_pence": 64000000,
                        }
                    ],
                }
            ]
        }
    )
    commissioner_ods: OdsCode
    service: str = Field(min_length=1, max_length=200)
    #: The NHS financial year (April to March), written ``2025/26``; it must have ended.
    year: str = Field(pattern=r"^\d{4}/\d{2}$", examples=["2025/26"])
    alliances: list[AllianceIn] = Field(min_length=1, max_length=500)


class GainShareOut(BaseModel):
    gain_share_id: str
    commissioner_ods: str
    service: str
    year: str
    #: The trigger points per weighted head, in pence to two places (exact in the calculation).
    average_per_head_pence: str
    benchmark_per_head_pence: str
    requested_by: str
    created_at: datetime
    #: Every alliance for the commissioner and ops; a federation's own alone for a federation.
    alliances: list[GainShareAlliance]


def _per_head(value: Fraction) -> str:
    return str((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01")))


async def _members(session: AsyncSession, federation_ods: str, day: date) -> list[str]:
    """The practices holding a subcontract of the federation in force on ``day``: its members
    as payments knows them (the federation issues subcontracts to members only)."""
    query = (
        select(subcontracts.c.practice_ods)
        .where(subcontracts.c.federation_ods == federation_ods)
        .where(subcontracts.c.start_date <= day)
        .where(subcontracts.c.end_date.is_(None) | (subcontracts.c.end_date >= day))
        .distinct()
    )
    return sorted((await session.execute(query)).scalars())


async def _weights(
    session: AsyncSession, alliances: list[AllianceIn], earned: list[int], day: date
) -> list[dict[str, int]]:
    """Each alliance's member practices and their list sizes in force on ``day``; a 422 naming
    the alliance when its federation is not known or, where it earned something, its members
    or a member's list size (the money has nowhere to go)."""
    found: list[dict[str, int]] = []
    for i, (alliance, pence) in enumerate(zip(alliances, earned, strict=True)):
        field: list[str | int] = ["alliances", i, "federation_ods"]
        ods = alliance.federation_ods
        if await organisation_kind(session, ods) != "federation":
            raise RuleBroken(field, f"{ods} is not a federation payments knows")
        if not pence:
            found.append({})
            continue
        members = await _members(session, ods, day)
        if not members:
            raise RuleBroken(field, f"{ods} has no member practice known on {day}")
        sizes = await list_sizes_of(session, members)
        weights = {m: sizes[m].on(day) if m in sizes else None for m in members}
        missing = sorted(m for m, size in weights.items() if not size)
        if missing:
            raise RuleBroken(field, f"no list size on {day} for {', '.join(missing)}")
        found.append({m: int(size or 0) for m, size in weights.items()})
    return found


def _paid(
    gain_share_id: str,
    period: str,
    memo: str,
    commissioner_ods: str,
    gain: AllianceGain,
    weights: dict[str, int],
) -> tuple[GainShareAlliance, list[tuple[Entry, Transaction, str]]]:
    """An alliance's result and its two transactions: the commissioner pays the federation,
    then the federation shares it among its members by list size."""
    shares = practice_shares(gain.earned_pence, weights)
    posted: list[tuple[Entry, Transaction, str]] = []
    paid_id = shared_id = None
    if gain.earned_pence:
        federation = account_code("federation", gain.federation_ods)
        paid_id, shared_id = f"txn_{uuid.uuid4().hex}", f"txn_{uuid.uuid4().hex}"
        payment = Transaction.payment(
            account_code("commissioner", commissioner_ods), federation, gain.earned_pence, memo
        )
        total = sum(weights.values())
        legs = [
            Posting(
                account_code("provider", ods),
                share,
                memo=f"{memo.partition(':')[0]}: share of {format_pence(gain.earned_pence)}"
                f" by list size, {weights[ods]} of {total}",
            )
            for ods, share in shares.items()
            if share
        ]
        fan_out = Transaction((Posting(federation, -gain.earned_pence, memo=memo), *legs))
        entry = Entry("payment", gain_share_id, period, "gain_share", memo)
        posted = [
            (entry, payment, paid_id),
            (Entry("distribution", gain_share_id, period, "gain_share", memo), fan_out, shared_id),
        ]
    result = GainShareAlliance(
        federation_ods=gain.federation_ods,
        weighted_population=gain.weighted_population,
        saving_pence=gain.saving_pence,
        earned_pence=gain.earned_pence,
        tiers=[GainShareTier(**t.__dict__) for t in gain.tiers],
        practices=[
            GainSharePractice(practice_ods=ods, weight=weights[ods], share_pence=share)
            for ods, share in shares.items()
        ],
        payment_transaction_id=paid_id,
        distribution_transaction_id=shared_id,
    )
    return result, posted


@router.post(
    "/gain-shares",
    status_code=201,
    response_model=GainShareOut,
    summary="Share a year's savings with alliances",
    responses={409: {"description": "This commissioner's gain share for the year is made"}},
)
async def create_gain_share(
    body: GainShareRequest, uow: UnitOfWorkDep, principal: Commissioner
) -> GainShareOut:
    """Each alliance's saving against its baseline, tier by tier against the CCG average and
    the benchmark per weighted head, paid to its federation and shared among its member
    practices by list size. One per commissioner, service and year: a second is a 409."""
    if principal.role is not Role.OPS and principal.org != body.commissioner_ods:
        raise Forbidden(f"{principal.org} cannot share {body.commissioner_ods}'s savings")
    year_end = financial_year_end(body.year)
    if uk_today() <= year_end:
        raise RuleBroken("year", f"{body.year} ends on {year_end}; only an ended year is shared")
    found = gain_share([Alliance(**a.model_dump()) for a in body.alliances])
    earned = [a.earned_pence for a in found.alliances]
    weights = await _weights(uow.session, body.alliances, earned, year_end)
    gain_share_id = f"gs_{uuid.uuid4().hex}"
    row = {
        "id": gain_share_id,
        "commissioner_ods": body.commissioner_ods,
        "service": body.service,
        "year": body.year,
        "average_per_head_pence": _per_head(found.average_per_head),
        "benchmark_per_head_pence": _per_head(found.benchmark_per_head),
        "requested_by": principal.sub,
        "created_at": datetime.now(UTC),
    }
    if not await claim(uow.session, gain_shares, row):
        raise WrongState(f"{body.commissioner_ods}'s {body.service} gain share {body.year} is made")
    period = period_of(year_end)
    results, entries = [], []
    for gain, weighed in zip(found.alliances, weights, strict=True):
        memo = calculation(body.year, body.service, gain)
        result, posted = _paid(gain_share_id, period, memo, body.commissioner_ods, gain, weighed)
        results.append(result)
        entries.extend(posted)
    await post_all(uow.session, entries)
    await uow.session.execute(
        gain_share_alliances.insert(),
        [
            {
                "gain_share_id": gain_share_id,
                "federation_ods": r.federation_ods,
                "result": r.model_dump(),
            }
            for r in results
        ],
    )
    uow.publish(
        GainSharePaid(
            gain_share_id=gain_share_id,
            commissioner_ods=body.commissioner_ods,
            service=body.service,
            year=body.year,
            alliances=results,
        )
    )
    await uow.commit()
    return _out(row, results)


def _out(row: Any, alliances: list[GainShareAlliance]) -> GainShareOut:
    values = dict(row)
    return GainShareOut(gain_share_id=values.pop("id"), alliances=alliances, **values)


def _visible(principal: Principal) -> Select[Any]:
    """The gain shares the caller reads, with the alliance rows it may see of each."""
    query = select(gain_shares, gain_share_alliances.c.result).join(
        gain_share_alliances, gain_share_alliances.c.gain_share_id == gain_shares.c.id
    )
    if principal.role is Role.COMMISSIONER:
        return query.where(gain_shares.c.commissioner_ods == principal.org)
    if principal.role is Role.FEDERATION:
        return query.where(gain_share_alliances.c.federation_ods == principal.org)
    return query


def _grouped(rows: list[Any]) -> list[GainShareOut]:
    found: dict[str, GainShareOut] = {}
    for r in rows:
        values = {k: v for k, v in r._mapping.items() if k != "result"}
        out = found.setdefault(r.id, _out(values, []))
        out.alliances.append(GainShareAlliance.model_validate(r.result))
    return list(found.values())


@router.get(
    "/gain-shares/{gain_share_id}",
    response_model=GainShareOut,
    summary="A gain share year",
    responses={404: {"description": "No gain share with this id"}},
)
async def get_gain_share(
    uow: UnitOfWorkDep,
    principal: Reader,
    gain_share_id: Annotated[str, Path(min_length=1, max_length=40)],
) -> GainShareOut:
    """Every alliance for its commissioner and ops; a federation it names sees its own alone."""
    exists = await uow.session.scalar(
        select(gain_shares.c.id).where(gain_shares.c.id == gain_share_id)
    )
    if exists is None:
        raise NotFound(f"no gain share {gain_share_id}")
    query = _visible(principal).where(gain_shares.c.id == gain_share_id)
    rows = list(
        (await uow.session.execute(query.order_by(gain_share_alliances.c.federation_ods))).all()
    )
    if not rows:
        raise Forbidden(f"a {principal.role} token for {principal.org} is not party to it")
    return _grouped(rows)[0]


@router.get("/gain-shares", response_model=Page[GainShareOut], summary="Gain share years")
async def list_gain_shares(
    uow: UnitOfWorkDep, principal: Reader, page: PageDep
) -> Page[GainShareOut]:
    """Newest first: a commissioner's own, a federation's (its own alliance alone), ops all."""
    ids = select(gain_shares.c.id, gain_shares.c.created_at).where(
        gain_shares.c.id.in_(_visible(principal).with_only_columns(gain_shares.c.id))
    )
    if (after := page.after_key(datetime, str)) is not None:
        created, last = after
        ids = ids.where(
            (gain_shares.c.created_at < created)
            | ((gain_shares.c.created_at == created) & (gain_shares.c.id < last))
        )
    ids = ids.order_by(gain_shares.c.created_at.desc(), gain_shares.c.id.desc())
    wanted = list((await uow.session.execute(ids.limit(page.limit + 1))).all())
    shown = [r.id for r in wanted[: page.limit]]
    query = _visible(principal).where(gain_shares.c.id.in_(shown))
    rows = (await uow.session.execute(query.order_by(gain_share_alliances.c.federation_ods))).all()
    by_id = {g.gain_share_id: g for g in _grouped(list(rows))}
    return Page[GainShareOut](
        items=[by_id[i] for i in shown],
        next_cursor=page.next_cursor(wanted, lambda r: [r.created_at.isoformat(), r.id]),
    )
