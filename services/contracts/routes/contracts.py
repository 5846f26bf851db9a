"""Routes for contracts: proposal, lifecycle, variations, KPI results and queries."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError

from services.contracts import lifecycle, store
from services.contracts.domain.change import ChangeStatusName
from services.contracts.domain.contract import (
    Contract,
    check_committee,
    contract_event,
)
from services.contracts.domain.performance import (
    Recorded,
    correct_kpi_result,
    record_kpi_result,
)
from services.contracts.domain.proposal import propose
from services.contracts.routes.common import (
    Commissioner,
    ContractReader,
    Ops,
    now,
    today,
)
from services.contracts.schemas import (
    ChangeOut,
    ContractOut,
    Created,
    ExpiryOut,
    ExpiryRun,
    KpiResultOut,
    NewContract,
    NewKpiCorrection,
    NewKpiResult,
    NewVariation,
    Termination,
    VariationOut,
)
from shared.auth import Principal, Role
from shared.calendar import QUARTER_PATTERN
from shared.db import UnitOfWork
from shared.events.contracts import (
    ContractActivated,
    ContractExpired,
    ContractKindName,
    ContractPerformanceRecorded,
    ContractProposed,
    ContractStatusName,
)
from shared.ods import OdsCode
from shared.pagination import Page, PageDep
from shared.problems import Conflict, Forbidden, NotFound
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["contracts"])


def _may_read(principal: Principal, contract: Contract) -> bool:
    if principal.role is Role.OPS:
        return True
    if principal.role is Role.COMMISSIONER:
        return principal.org == contract.commissioner_ods
    return principal.org == contract.provider_ods


async def _contract(
    uow: UnitOfWork, contract_id: str, principal: Principal, *, manage: bool = False
) -> Contract:
    contract = await store.get_contract(uow.session, contract_id, for_update=manage)
    if contract is None:
        raise NotFound(f"no contract {contract_id}")
    if manage:
        if not principal.acts_for(contract.commissioner_ods):
            raise Forbidden(
                f"contract {contract_id} is managed by its commissioner "
                f"{contract.commissioner_ods}, not {principal.org}"
            )
    elif not _may_read(principal, contract):
        raise Forbidden(f"a {principal.role} token for {principal.org} cannot read {contract_id}")
    return contract


async def _answer(uow: UnitOfWork, contract: Contract, on: date | None) -> ContractOut:
    # Without a date: the terms in force today, or the opening terms of a contract to come.
    when = on or max(today(), contract.start_date)
    return ContractOut.of(contract, when, await store.kpi_results(uow.session, contract.id))


@router.post(
    "/contracts",
    status_code=201,
    response_model=Created,
    summary="Propose a contract",
    responses={
        422: {
            "description": "A rule of the contract's kind or its terms is broken, the "
            "commissioner's decision policy gates the kind and no committee is named, or the "
            "decision committee is known to be another organisation's"
        }
    },
)
async def propose_contract(
    body: NewContract, uow: UnitOfWorkDep, principal: Commissioner
) -> Created:
    principal.require_acts_for(body.commissioner_ods)
    session = uow.session
    contract = propose(
        uuid.uuid4().hex,
        body.proposal(),
        commissioner=await store.get_organisation(session, body.commissioner_ods),
        provider=await store.get_organisation(session, body.provider_ods),
        parent=(
            await store.get_contract(session, body.parent_contract_id)
            if body.parent_contract_id
            else None
        ),
    )
    policy = await store.decision_policy(session, contract.commissioner_ods)
    policy.check_proposal(contract.kind, contract.decision_committee_id)
    if contract.decision_committee_id is not None:
        check_committee(
            contract.decision_committee_id,
            contract.commissioner_ods,
            await store.committee_owner(session, contract.decision_committee_id),
        )
    await store.add_contract(session, contract)
    uow.publish(contract_event(ContractProposed, contract))
    await uow.commit()
    return Created(id=contract.id, status=contract.status)


@router.get(
    "/contracts",
    response_model=Page[ContractOut],
    summary="Contracts the caller may see, filtered",
)
async def list_contracts(
    uow: UnitOfWorkDep,
    page: PageDep,
    principal: ContractReader,
    provider_ods: OdsCode | None = None,
    commissioner_ods: OdsCode | None = None,
    kind: ContractKindName | None = None,
    status: ContractStatusName | None = None,
    service: Annotated[str | None, Query(max_length=200)] = None,
    parent_contract_id: Annotated[str | None, Query(max_length=36)] = None,
    in_force_on: date | None = None,
) -> Page[ContractOut]:
    where = store.ContractFilter(
        commissioner_ods=commissioner_ods,
        provider_ods=provider_ods,
        kind=kind,
        status=status,
        service=service,
        parent_contract_id=parent_contract_id,
        in_force_on=in_force_on,
    )
    # Scope to the caller: a filter for someone else's contracts finds nothing.
    if principal.role is Role.COMMISSIONER:
        if commissioner_ods not in (None, principal.org):
            return Page[ContractOut](items=[])
        where = store.ContractFilter(**{**vars(where), "commissioner_ods": principal.org})
    elif principal.role is not Role.OPS:
        if provider_ods not in (None, principal.org):
            return Page[ContractOut](items=[])
        where = store.ContractFilter(**{**vars(where), "provider_ods": principal.org})
    found = await store.list_contracts(uow.session, page, where)
    return Page[ContractOut](
        items=[
            ContractOut.of(c, in_force_on or max(today(), c.start_date))
            for c in found[: page.limit]
        ],
        next_cursor=page.next_cursor(found, lambda c: [c.id]),
    )


@router.post(
    "/contracts/expire-due",
    response_model=ExpiryOut,
    summary="Expire every active contract whose end date is before `on` (ops)",
)
async def expire_due(body: ExpiryRun, uow: UnitOfWorkDep, _: Ops) -> ExpiryOut:
    expired = []
    for contract_id in await store.contracts_due_to_expire(uow.session, body.on):
        contract = await store.get_contract(uow.session, contract_id, for_update=True)
        if contract is not None and contract.expire(body.on):
            await store.save_contract(uow.session, contract)
            assert contract.end_date is not None
            # From the day after the end date, the contract is no longer in force.
            after_end = contract.end_date + timedelta(days=1)
            uow.publish(contract_event(ContractExpired, contract, effective_from=after_end))
            expired.append(contract.id)
    await uow.commit()
    return ExpiryOut(expired=expired)


@router.get(
    "/contracts/{contract_id}",
    response_model=ContractOut,
    summary="A contract: the terms in force on a date and the full history",
)
async def get_contract(
    contract_id: str,
    uow: UnitOfWorkDep,
    principal: ContractReader,
    on: Annotated[date | None, Query(description="Default: today (or the start date)")] = None,
) -> ContractOut:
    return await _answer(uow, await _contract(uow, contract_id, principal), on)


@router.post(
    "/contracts/{contract_id}/activate",
    response_model=ContractOut,
    summary="Activate a proposed contract that names no decision committee",
    responses={
        409: {
            "description": "Not proposed, or a committee must decide it (it names one, or the "
            "commissioner's decision policy gates its kind)"
        }
    },
)
async def activate_contract(
    contract_id: str, uow: UnitOfWorkDep, principal: Commissioner
) -> ContractOut:
    contract = await _contract(uow, contract_id, principal, manage=True)
    policy = await store.decision_policy(uow.session, contract.commissioner_ods)
    contract.activate(gated=policy.is_gated(contract.kind))
    await store.save_contract(uow.session, contract)
    uow.publish(contract_event(ContractActivated, contract))
    await uow.commit()
    return await _answer(uow, contract, None)


_HELD: dict[int | str, dict[str, Any]] = {
    202: {
        "model": ChangeOut,
        "description": "The commissioner's decision policy gates the contract: the change is "
        "held, and applied only when the committee approves the decision item it opened",
    }
}


async def _gated(uow: UnitOfWork, contract: Contract, body: lifecycle.ChangeBody) -> bool:
    policy = await store.decision_policy(uow.session, contract.commissioner_ods)
    return policy.gates(contract.kind, lifecycle.change_kind(body))


async def _held(uow: UnitOfWork, contract: Contract, body: lifecycle.ChangeBody) -> JSONResponse:
    change = await lifecycle.hold(uow, contract, body)
    await uow.commit()
    return JSONResponse(ChangeOut.of(change).model_dump(mode="json"), status_code=202)


@router.post(
    "/contracts/{contract_id}/variations",
    status_code=201,
    response_model=VariationOut,
    summary="Vary the terms from a date on, backdated or not",
    description="The named fields take their new values from `effective_from` on, in the "
    "version from that date (a variation on the date of an existing version merges into it) and "
    "in every later version up to the first that sets that field itself. The variation is kept "
    "as asked for, and the history it makes is published whole (`gpfed.contract.varied`). "
    "Where the commissioner's decision policy gates the contract, the variation is checked now "
    "but held (202) until its committee approves it.",
    responses={
        **_HELD,
        409: {"description": "The contract was never in force (proposed or rejected)"},
        422: {
            "description": "A date outside the contract's, terms that break a rule, or a held "
            "change without a committee of the commissioner's"
        },
    },
)
async def vary_contract(
    contract_id: str, body: NewVariation, uow: UnitOfWorkDep, principal: Commissioner
) -> VariationOut | JSONResponse:
    contract = await _contract(uow, contract_id, principal, manage=True)
    if await _gated(uow, contract, body):
        return await _held(uow, contract, body)
    variation = await lifecycle.vary(uow, contract, body)
    await uow.commit()
    return VariationOut.made(contract, variation)


@router.post(
    "/contracts/{contract_id}/terminate",
    response_model=ContractOut,
    summary="Terminate an active contract from a date on, backdated or not",
    description="Where the commissioner's decision policy gates the contract, the termination "
    "is checked now but held (202) until its committee approves it.",
    responses={
        **_HELD,
        409: {"description": "The contract is not active"},
        422: {
            "description": "Before the start date or after the end date, or a held change "
            "without a committee of the commissioner's"
        },
    },
)
async def terminate_contract(
    contract_id: str, body: Termination, uow: UnitOfWorkDep, principal: Commissioner
) -> ContractOut | JSONResponse:
    contract = await _contract(uow, contract_id, principal, manage=True)
    if await _gated(uow, contract, body):
        return await _held(uow, contract, body)
    await lifecycle.terminate(uow, contract, body)
    await uow.commit()
    return await _answer(uow, contract, None)


@router.get(
    "/contracts/{contract_id}/changes",
    response_model=Page[ChangeOut],
    summary="The contract's variations and terminations held for a committee's decision",
)
async def list_changes(
    contract_id: str, uow: UnitOfWorkDep, page: PageDep, principal: ContractReader
) -> Page[ChangeOut]:
    await _contract(uow, contract_id, principal)
    found = await store.list_changes(uow.session, contract_id, page)
    return Page[ChangeOut](
        items=[ChangeOut.of(c) for c in found[: page.limit]],
        next_cursor=page.next_cursor(found, lambda c: [c.number]),
    )


@router.get(
    "/changes",
    response_model=Page[ChangeOut],
    summary="Held changes across the contracts the caller may see, oldest first",
)
async def list_changes_across(
    uow: UnitOfWorkDep,
    page: PageDep,
    principal: ContractReader,
    commissioner_ods: OdsCode | None = None,
    provider_ods: OdsCode | None = None,
    status: ChangeStatusName | None = None,
) -> Page[ChangeOut]:
    # Scoped as GET /contracts is: a filter for someone else's contracts finds nothing.
    if principal.role is Role.COMMISSIONER:
        if commissioner_ods not in (None, principal.org):
            return Page[ChangeOut](items=[])
        commissioner_ods = principal.org
    elif principal.role is not Role.OPS:
        if provider_ods not in (None, principal.org):
            return Page[ChangeOut](items=[])
        provider_ods = principal.org
    found = await store.list_changes_across(
        uow.session,
        page,
        commissioner_ods=commissioner_ods,
        provider_ods=provider_ods,
        status=status,
    )
    return Page[ChangeOut](
        items=[ChangeOut.of(c) for c in found[: page.limit]],
        next_cursor=page.next_cursor(found, lambda c: [c.recorded_at, c.id]),
    )


@router.get(
    "/contracts/{contract_id}/changes/{change_id}",
    response_model=ChangeOut,
    summary="A held variation or termination, and what became of it",
)
async def get_change(
    contract_id: str, change_id: str, uow: UnitOfWorkDep, principal: ContractReader
) -> ChangeOut:
    await _contract(uow, contract_id, principal)
    change = await store.get_change(uow.session, change_id=change_id)
    if change is None or change.contract_id != contract_id:
        raise NotFound(f"no change {change_id} of contract {contract_id}")
    return ChangeOut.of(change)


@router.post(
    "/contracts/{contract_id}/kpi-results",
    status_code=201,
    response_model=KpiResultOut,
    summary="Record a quarter's KPI achievement (true-up and LES/LIS contracts)",
    responses={
        409: {
            "description": "Not a KPI contract, or the quarter is already recorded (correct it "
            "with POST /contracts/{contract_id}/kpi-results/{quarter}/corrections)"
        }
    },
)
async def record_kpi(
    contract_id: str, body: NewKpiResult, uow: UnitOfWorkDep, principal: Commissioner
) -> KpiResultOut:
    contract = await _contract(uow, contract_id, principal, manage=True)
    previous = await store.latest_kpi_result(uow.session, contract.id, body.quarter)
    recorded = record_kpi_result(
        contract,
        previous,
        quarter=body.quarter,
        achievement_percent=body.achievement_percent,
        evidence=body.evidence,
        today=today(),
        recorded_at=now(),
    )
    return await _keep_kpi(uow, contract, recorded)


@router.post(
    "/contracts/{contract_id}/kpi-results/{quarter}/corrections",
    status_code=201,
    response_model=KpiResultOut,
    summary="Correct a quarter's KPI result: a new version that supersedes the last",
    responses={
        404: {"description": "The contract, or a result for the quarter, does not exist"},
        409: {"description": "Not a KPI contract, or the correction changes nothing"},
    },
)
async def correct_kpi(
    contract_id: str,
    quarter: Annotated[str, Path(pattern=QUARTER_PATTERN, examples=["2026-Q1"])],
    body: NewKpiCorrection,
    uow: UnitOfWorkDep,
    principal: Commissioner,
) -> KpiResultOut:
    contract = await _contract(uow, contract_id, principal, manage=True)
    previous = await store.latest_kpi_result(uow.session, contract.id, quarter)
    recorded = correct_kpi_result(
        contract,
        previous,
        quarter=quarter,
        achievement_percent=body.achievement_percent,
        evidence=body.evidence,
        reason=body.reason,
        today=today(),
        recorded_at=now(),
    )
    return await _keep_kpi(uow, contract, recorded)


async def _keep_kpi(uow: UnitOfWork, contract: Contract, recorded: Recorded) -> KpiResultOut:
    result = recorded.result
    try:
        await store.add_kpi_result(uow.session, contract.id, result)
    except IntegrityError:  # a concurrent request recorded the same version first
        raise Conflict(
            f"version {result.version} of {result.quarter} on contract {contract.id} was "
            "recorded by another request; read the contract and try again"
        ) from None
    uow.publish(
        contract_event(
            ContractPerformanceRecorded,
            contract,
            terms=recorded.terms,
            quarter=result.quarter,
            achievement_percent=result.achievement_percent,
            evidence=result.evidence,
            version=result.version,
        )
    )
    await uow.commit()
    return KpiResultOut.of(contract.id, result)
