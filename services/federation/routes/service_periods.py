"""The monthly close of an item-of-service contract (issue 19 point 2), by its provider.

The practice holds the contract and reports its claims, so it closes its own month, as a
federation closes its hub's: the month's claims are frozen, counted per service code, and
``activity.period_closed`` carries the counts (``services``) for payments to pay fee x count.
Reopen, then close again, is the next revision: a restatement, as for a hub. The commissioner
reads the month; ops may do anything.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from services.federation.access import require_provider, require_reader_of_service_contract
from services.federation.domain.close import PeriodClose, PeriodStatus
from services.federation.domain.hub import HubTerms, current_terms
from services.federation.routes.periods import Period, frozen, reopen
from services.federation.store import (
    freeze_service_counts,
    frozen_service_counts,
    hub_versions,
    live_service_counts,
    lock_contracts,
    period_close,
)
from shared.auth import Principal, Role, require_roles
from shared.db import UnitOfWork
from shared.events.federation import (
    ActivityPeriodClosed,
    PracticeActivity,
    ServiceActivity,
)
from shared.ods import OdsCode
from shared.problems import NotFound
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["periods"])
PracticeStaff = Annotated[Principal, require_roles(Role.PRACTICE)]
Reader = Annotated[Principal, require_roles(Role.PRACTICE, Role.COMMISSIONER)]
PracticeOds = Annotated[OdsCode, Path(description="The practice's ODS code", examples=["B86001"])]
ContractId = Annotated[str, Path(min_length=1, max_length=64, examples=["c-les-ios-1"])]
PATH = "/practices/{ods}/contracts/{contract_id}/periods/{period}"


class ServiceCountOut(BaseModel):
    service_code: str
    count: int = Field(description="Claims of the month for this service code, voids excluded")


class ServicePeriodOut(BaseModel):
    contract_id: str
    practice_ods: str
    period: str
    status: PeriodStatus
    revision: int = Field(description="The latest frozen revision; 0 if never closed")
    counts: str = Field(description="frozen (the closed revision) or live (still open)")
    services: list[ServiceCountOut]


async def contract_of(uow: UnitOfWork, practice_ods: str, contract_id: str) -> HubTerms:
    """The item-of-service contract's current terms, if the practice is its provider."""
    versions = await hub_versions(uow.session, contract_ids=[contract_id], item_of_service=True)
    contract = current_terms(versions.get(contract_id, []))
    if contract is None or contract.provider_ods != practice_ods:
        raise NotFound(f"{contract_id} is not an item-of-service contract of {practice_ods}")
    return contract


async def _view(uow: UnitOfWork, ods: str, state: PeriodClose) -> ServicePeriodOut:
    live = state.status is not PeriodStatus.CLOSED
    if live:
        counts, _ = await live_service_counts(uow.session, state.contract_id, state.period)
    else:
        counts = await frozen_service_counts(
            uow.session, state.contract_id, state.period, state.revision
        )
    return ServicePeriodOut(
        contract_id=state.contract_id,
        practice_ods=ods,
        period=state.period,
        status=state.status,
        revision=state.revision,
        counts="live" if live else "frozen",
        services=[ServiceCountOut(service_code=c, count=n) for c, n in counts],
    )


async def _locked_state(
    uow: UnitOfWork, principal: Principal, ods: str, contract_id: str, period: str
) -> PeriodClose:
    """As a hub's close: the contract locked against ingest until the commit."""
    require_provider(principal, ods)
    await contract_of(uow, ods, contract_id)
    await lock_contracts(uow.session, [contract_id], shared=False)
    return await period_close(uow.session, contract_id, period)


@router.post(PATH + "/close", response_model=ServicePeriodOut)
async def close_service_period(
    ods: PracticeOds,
    contract_id: ContractId,
    period: Period,
    uow: UnitOfWorkDep,
    principal: PracticeStaff,
) -> ServicePeriodOut:
    state = await _locked_state(uow, principal, ods, contract_id, period)
    closed = state.close()
    counts, patients = await live_service_counts(uow.session, contract_id, period)
    await frozen(uow, state, closed, ods, [], patients)
    await freeze_service_counts(uow.session, closed, counts)
    total = sum(n for _, n in counts)
    uow.publish(
        ActivityPeriodClosed(
            contract_id=contract_id,
            federation_ods=ods,
            period=period,
            revision=closed.revision,
            patients=patients,
            practices=[
                PracticeActivity(
                    practice_ods=ods, first=0, follow_up=0, total=total, patients=patients, hosted=0
                )
            ],
            services=[ServiceActivity(service_code=c, count=n) for c, n in counts],
        )
    )
    await uow.commit()
    return await _view(uow, ods, closed)


@router.post(PATH + "/reopen", response_model=ServicePeriodOut)
async def reopen_service_period(
    ods: PracticeOds,
    contract_id: ContractId,
    period: Period,
    uow: UnitOfWorkDep,
    principal: PracticeStaff,
) -> ServicePeriodOut:
    state = await _locked_state(uow, principal, ods, contract_id, period)
    return await _view(uow, ods, await reopen(uow, state, ods))


@router.get(PATH, response_model=ServicePeriodOut)
async def get_service_period(
    ods: PracticeOds,
    contract_id: ContractId,
    period: Period,
    uow: UnitOfWorkDep,
    principal: Reader,
) -> ServicePeriodOut:
    require_reader_of_service_contract(principal, await contract_of(uow, ods, contract_id))
    return await _view(uow, ods, await period_close(uow.session, contract_id, period))
