"""Subcontracts under hub contracts, and the chain from each one to its parent contract."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from services.federation import store
from services.federation.access import require_reader_of_hub, require_staff_of
from services.federation.domain.hub import current_terms
from services.federation.domain.subcontract import SubcontractRole, issue
from services.federation.routes.common import (
    ContractId,
    FederationOds,
    hub_of,
    require_federation,
)
from shared.auth import Principal, Role, require_roles
from shared.events.federation import SubcontractIssued
from shared.pagination import Page, PageDep
from shared.problems import NotFound
from shared.rules import at
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["subcontracts"])
FederationStaff = Annotated[Principal, require_roles(Role.FEDERATION)]
Reader = Annotated[Principal, require_roles(Role.FEDERATION, Role.COMMISSIONER)]


class NewSubcontract(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "contract_id": "c-hub-1",
                    "practice_ods": "B86001",
                    "roles": ["delivery", "premises"],
                    "start_date": "2026-04-01",
                    "end_date": "2027-03-31",
                }
            ]
        },
    )
    contract_id: str = Field(min_length=1, max_length=64)
    practice_ods: str = Field(pattern=r"^[A-Z][0-9]{5}$")
    roles: list[SubcontractRole] = Field(min_length=1, max_length=3)
    start_date: date
    end_date: date | None = None


class SubcontractOut(BaseModel):
    id: str
    status: str = "issued"
    contract_id: str
    federation_ods: str
    practice_ods: str
    roles: list[SubcontractRole]
    start_date: date
    end_date: date | None


class ParentContract(BaseModel):
    contract_id: str
    kind: str = "HUB"
    federation_ods: str = Field(description="The provider holding the hub contract")
    commissioner_ods: str = Field(description="Who commissions it and pays the federation")
    service: str
    status: str
    start_date: date
    end_date: date | None


class Chain(BaseModel):
    parent: ParentContract
    items: list[SubcontractOut]
    next_cursor: str | None = None


def _out(row: Any) -> SubcontractOut:
    return SubcontractOut(
        id=row.id,
        contract_id=row.contract_id,
        federation_ods=row.federation_ods,
        practice_ods=row.practice_ods,
        roles=sorted(SubcontractRole(r) for r in row.roles),
        start_date=row.start_date,
        end_date=row.end_date,
    )


@router.post("/federations/{ods}/subcontracts", status_code=201, response_model=SubcontractOut)
async def issue_subcontract(
    ods: FederationOds, body: NewSubcontract, uow: UnitOfWorkDep, principal: FederationStaff
) -> SubcontractOut:
    require_staff_of(principal, ods)
    await require_federation(uow.session, ods)
    hub = await hub_of(uow.session, ods, body.contract_id)
    members = await store.memberships_of(uow.session, ods, [body.practice_ods])
    with at("practice_ods"):
        sub = issue(
            subcontract_id=str(uuid.uuid4()),
            hub=hub,
            memberships=members,
            practice_ods=body.practice_ods,
            roles=body.roles,
            start_date=body.start_date,
            end_date=body.end_date,
        )
    row = await store.add_subcontract(uow.session, sub, datetime.now(UTC))
    uow.publish(
        SubcontractIssued(
            subcontract_id=sub.subcontract_id,
            contract_id=sub.contract_id,
            federation_ods=ods,
            practice_ods=sub.practice_ods,
            roles=list(row.roles),
            start_date=sub.start_date,
            end_date=sub.end_date,
        )
    )
    await uow.commit()
    return _out(row)


@router.get("/federations/{ods}/subcontracts", response_model=Page[SubcontractOut])
async def list_subcontracts(
    ods: FederationOds,
    uow: UnitOfWorkDep,
    page: PageDep,
    principal: FederationStaff,
    contract_id: Annotated[str | None, Query(max_length=64)] = None,
) -> Page[SubcontractOut]:
    require_staff_of(principal, ods)
    await require_federation(uow.session, ods)
    rows = await store.subcontract_page(
        uow.session, page, federation_ods=ods, contract_id=contract_id
    )
    return Page[SubcontractOut](
        items=[_out(r) for r in rows[: page.limit]],
        next_cursor=page.next_cursor(rows, lambda r: [r.id]),
    )


@router.get("/contracts/{contract_id}/chain", response_model=Chain)
async def chain(
    contract_id: ContractId, uow: UnitOfWorkDep, page: PageDep, principal: Reader
) -> Chain:
    """For a hub contract: the contract and its subcontracts. For a subcontract id: the
    subcontract and the hub contract it hangs from."""
    sub_row = await store.subcontract_row(uow.session, contract_id)
    parent_id = sub_row.contract_id if sub_row is not None else contract_id
    hub = current_terms(
        (await store.hub_versions(uow.session, contract_ids=[parent_id])).get(parent_id, [])
    )
    if hub is None:
        raise NotFound(f"no hub contract or subcontract {contract_id} is known")
    require_reader_of_hub(principal, hub)
    if sub_row is not None:
        rows = await store.subcontract_page(uow.session, page, subcontract_id=contract_id)
    else:
        rows = await store.subcontract_page(uow.session, page, contract_id=parent_id)
    return Chain(
        parent=ParentContract(
            contract_id=hub.contract_id,
            federation_ods=hub.federation_ods,
            commissioner_ods=hub.commissioner_ods,
            service=hub.service,
            status=hub.status,
            start_date=hub.start_date,
            end_date=hub.last_day,
        ),
        items=[_out(r) for r in rows[: page.limit]],
        next_cursor=page.next_cursor(rows, lambda r: [r.id]),
    )
