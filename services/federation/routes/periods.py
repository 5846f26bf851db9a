"""The monthly close of a hub contract, its restatements, and the money that followed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError

from services.federation.access import require_reader_of_hub, require_staff_of
from services.federation.domain.close import PeriodClose, PeriodStatus, PracticeCounts, merge_counts
from services.federation.domain.distribution import latest, paid_per_practice
from services.federation.domain.period import PERIOD_PATTERN
from services.federation.domain.statement import statement
from services.federation.routes.common import (
    ContractId,
    FederationOds,
    hub_of,
)
from services.federation.store import (
    distributions_of,
    freeze_counts,
    frozen_counts,
    live_counts,
    lock_contracts,
    period_close,
    save_period_close,
)
from shared.auth import Principal, Role, require_roles
from shared.db import UnitOfWork
from shared.events.federation import ActivityPeriodClosed, ActivityPeriodReopened, PracticeActivity
from shared.pagination import PageDep
from shared.problems import Conflict
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["periods"])
FederationStaff = Annotated[Principal, require_roles(Role.FEDERATION)]
Reader = Annotated[Principal, require_roles(Role.FEDERATION, Role.COMMISSIONER)]
Period = Annotated[str, Path(pattern=PERIOD_PATTERN, examples=["2026-05"])]
PERIOD_PATH = "/federations/{ods}/contracts/{contract_id}/periods/{period}"


class PracticeOut(BaseModel):
    practice_ods: str
    first: int
    follow_up: int
    total: int
    patients: int = Field(description="Distinct patients this practice saw")
    hosted: int = Field(description="Consultations held at this practice's premises as a site")
    paid_pence: int | None = Field(
        default=None,
        description="What payments has paid it for the period, restatements included: its line "
        "in the latest distribution revision (each revision carries the full amounts)",
    )


class DistributionOut(BaseModel):
    revision: int = Field(description="The activity revision distributed (1 = the first close)")
    latest: bool = Field(description="Whether this revision is the one that stands")
    transaction_id: str | None = Field(
        description="The ledger transaction; none for a distribution with nothing to move"
    )
    income_pence: int
    costs_pence: int
    retained_pence: int
    remainder_pence: int
    note: str | None
    lines: list[dict[str, Any]]


class PeriodOut(BaseModel):
    contract_id: str
    federation_ods: str
    period: str
    status: PeriodStatus
    revision: int = Field(description="The latest frozen revision; 0 if never closed")
    counts: str = Field(description="frozen (the closed revision) or live (still open)")
    patients: int = Field(description="Distinct patients across the contract in the period")
    practices: list[PracticeOut]
    distribution_revision: int | None = Field(
        default=None,
        description="The distribution revision the figures come from (the latest); none yet",
    )
    distributions: list[DistributionOut] = Field(
        description="Every revision payments distributed, oldest first"
    )


async def _view(uow: UnitOfWork, ods: str, state: PeriodClose, live: bool) -> PeriodOut:
    session = uow.session
    if live:
        delivered, hosted, patients = await live_counts(session, state.contract_id, state.period)
        counts = merge_counts(delivered, hosted)
    else:
        counts, patients = await frozen_counts(
            session, state.contract_id, state.period, state.revision
        )
    revisions = await distributions_of(session, state.contract_id, state.period)
    standing = latest(revisions)
    paid = paid_per_practice(revisions)
    return PeriodOut(
        contract_id=state.contract_id,
        federation_ods=ods,
        period=state.period,
        status=state.status,
        revision=state.revision,
        counts="live" if live else "frozen",
        patients=patients,
        practices=[
            PracticeOut(
                practice_ods=c.practice_ods,
                first=c.first,
                follow_up=c.follow_up,
                total=c.total,
                patients=c.patients,
                hosted=c.hosted,
                paid_pence=paid.get(c.practice_ods) if standing else None,
            )
            for c in counts
        ],
        distribution_revision=standing.revision if standing else None,
        distributions=[
            DistributionOut(
                revision=r.revision,
                latest=r is standing,
                transaction_id=r.transaction_id,
                income_pence=r.income_pence,
                costs_pence=r.costs_pence,
                retained_pence=r.retained_pence,
                remainder_pence=r.remainder_pence,
                note=r.note,
                lines=[dict(line) for line in r.lines],
            )
            for r in revisions
        ],
    )


def _activity(c: PracticeCounts) -> PracticeActivity:
    return PracticeActivity(
        practice_ods=c.practice_ods,
        first=c.first,
        follow_up=c.follow_up,
        total=c.total,
        patients=c.patients,
        hosted=c.hosted,
    )


async def _locked_state(
    uow: UnitOfWork, principal: Principal, ods: str, contract_id: str, period: str
) -> PeriodClose:
    """The period's state, with the contract locked against ingest until the commit, so no
    batch can add to it between counting and freezing."""
    require_staff_of(principal, ods)
    await hub_of(uow.session, ods, contract_id)
    await lock_contracts(uow.session, [contract_id], shared=False)
    return await period_close(uow.session, contract_id, period)


async def frozen(
    uow: UnitOfWork,
    state: PeriodClose,
    closed: PeriodClose,
    party_ods: str,
    counts: Sequence[PracticeCounts],
    patients: int,
) -> None:
    """The closed revision's counts frozen and the close saved: a hub's or, with no counts per
    practice, an item-of-service contract's (its counts per service code beside them)."""
    now = datetime.now(UTC)
    try:
        await freeze_counts(uow.session, closed, counts, patients, now)
        await save_period_close(uow.session, closed, party_ods, now, new=state.revision == 0)
    except IntegrityError as exc:  # SQLite: another close won the race for this period
        raise Conflict(
            f"{closed.period} of {closed.contract_id} was closed by another request"
        ) from exc


async def reopen(uow: UnitOfWork, state: PeriodClose, party_ods: str) -> PeriodClose:
    """Reopen a closed month, publish it and commit: the next close is a restatement."""
    reopened = state.reopen()
    await save_period_close(uow.session, reopened, party_ods, datetime.now(UTC), new=False)
    uow.publish(
        ActivityPeriodReopened(
            contract_id=state.contract_id,
            federation_ods=party_ods,
            period=state.period,
            revision=reopened.revision,
        )
    )
    await uow.commit()
    return reopened


@router.post(PERIOD_PATH + "/close", response_model=PeriodOut)
async def close_period(
    ods: FederationOds,
    contract_id: ContractId,
    period: Period,
    uow: UnitOfWorkDep,
    principal: FederationStaff,
) -> PeriodOut:
    state = await _locked_state(uow, principal, ods, contract_id, period)
    closed = state.close()
    delivered, hosted, patients = await live_counts(uow.session, contract_id, period)
    counts = merge_counts(delivered, hosted)
    await frozen(uow, state, closed, ods, counts, patients)
    uow.publish(
        ActivityPeriodClosed(
            contract_id=contract_id,
            federation_ods=ods,
            period=period,
            revision=closed.revision,
            patients=patients,
            practices=[_activity(c) for c in counts],
        )
    )
    await uow.commit()
    return await _view(uow, ods, closed, live=False)


@router.post(PERIOD_PATH + "/reopen", response_model=PeriodOut)
async def reopen_period(
    ods: FederationOds,
    contract_id: ContractId,
    period: Period,
    uow: UnitOfWorkDep,
    principal: FederationStaff,
) -> PeriodOut:
    state = await _locked_state(uow, principal, ods, contract_id, period)
    reopened = await reopen(uow, state, ods)
    return await _view(uow, ods, reopened, live=True)


@router.get(PERIOD_PATH, response_model=PeriodOut)
async def get_period(
    ods: FederationOds,
    contract_id: ContractId,
    period: Period,
    uow: UnitOfWorkDep,
    principal: Reader,
) -> PeriodOut:
    hub = await hub_of(uow.session, ods, contract_id)
    require_reader_of_hub(principal, hub)
    state = await period_close(uow.session, contract_id, period)
    return await _view(uow, ods, state, live=state.status is not PeriodStatus.CLOSED)


class StatementLine(BaseModel):
    period: str
    income_pence: int
    costs_pence: int
    profit_pence: int = Field(description="income - costs; negative is a loss")
    retained_pence: int
    distributed_pence: int = Field(description="The remainder shared among the practices")
    loss_making: bool
    revision: int = Field(description="The distribution revision the figures come from")
    revisions: list[int] = Field(
        description="Every revision distributed for the period; only the latest counts"
    )


class StatementOut(BaseModel):
    contract_id: str
    federation_ods: str
    commissioner_ods: str
    income_pence: int
    costs_pence: int
    profit_pence: int
    loss_making: bool = Field(description="The hub has lost money over the periods paid so far")
    loss_making_periods: list[str]
    items: list[StatementLine]
    next_cursor: str | None = None


@router.get("/federations/{ods}/contracts/{contract_id}/statement", response_model=StatementOut)
async def contract_statement(
    ods: FederationOds,
    contract_id: ContractId,
    uow: UnitOfWorkDep,
    page: PageDep,
    principal: Reader,
) -> StatementOut:
    hub = await hub_of(uow.session, ods, contract_id)
    require_reader_of_hub(principal, hub)
    result = statement(await distributions_of(uow.session, contract_id))
    after = page.after_str()
    lines = [p for p in result.periods if after is None or p.period > after]
    return StatementOut(
        contract_id=contract_id,
        federation_ods=ods,
        commissioner_ods=hub.commissioner_ods,
        income_pence=result.income_pence,
        costs_pence=result.costs_pence,
        profit_pence=result.profit_pence,
        loss_making=result.loss_making,
        loss_making_periods=result.loss_making_periods,
        items=[
            StatementLine(
                period=p.period,
                income_pence=p.income_pence,
                costs_pence=p.costs_pence,
                profit_pence=p.profit_pence,
                retained_pence=p.retained_pence,
                distributed_pence=p.distributed_pence,
                loss_making=p.loss_making,
                revision=p.revision,
                revisions=p.revisions,
            )
            for p in lines[: page.limit]
        ],
        next_cursor=page.next_cursor(lines, lambda p: [p.period]),
    )
