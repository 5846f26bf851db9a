"""Federations and their members: who belonged on any day, history never overwritten."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from services.federation import store
from services.federation.access import hubs_visible_to, require_staff_of
from services.federation.domain import membership as rules
from services.federation.domain.hub import current_terms, terms_on
from services.federation.routes.common import (
    FederationOds,
    require_federation,
)
from shared.auth import Principal, Role, require_roles
from shared.events.federation import MemberJoined, MemberLeft
from shared.ods import OdsCode
from shared.pagination import Page, PageDep
from shared.problems import Conflict, NotFound
from shared.rules import at
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["federations"])
FederationStaff = Annotated[Principal, require_roles(Role.FEDERATION)]
Reader = Annotated[Principal, require_roles(Role.FEDERATION, Role.COMMISSIONER)]
PracticeOds = Annotated[OdsCode, Field(pattern=r"^[A-Z][0-9]{5}$", examples=["B86001"])]


class HubOut(BaseModel):
    contract_id: str
    commissioner_ods: str
    service: str
    status: str
    start_date: date
    end_date: date | None
    effective_from: date = Field(description="When the terms shown took effect")
    payment: dict[str, Any]
    distribution: dict[str, Any] | None


class FederationOut(BaseModel):
    ods_code: str
    name: str | None
    legal_form: str | None
    hubs: list[HubOut]


class Join(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"practice_ods": "B86001", "joined_on": "2026-04-01"}]},
    )
    practice_ods: PracticeOds
    joined_on: date


class Leave(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"left_on": "2027-03-31"}]}
    )
    left_on: date = Field(description="The last day of membership")


class MembershipOut(BaseModel):
    id: int
    federation_ods: str
    practice_ods: str
    joined_on: date
    left_on: date | None
    status: str = Field(description="member while open-ended, left once a leaving date is set")


def _out(row: Any) -> MembershipOut:
    return MembershipOut(
        id=row.id,
        federation_ods=row.federation_ods,
        practice_ods=row.practice_ods,
        joined_on=row.joined_on,
        left_on=row.left_on,
        status="member" if row.left_on is None else "left",
    )


@router.get("/federations/{ods}", response_model=FederationOut)
async def get_federation(
    ods: FederationOds,
    uow: UnitOfWorkDep,
    principal: Reader,
    on: Annotated[
        date | None, Query(description="Show each hub's terms in force on this day")
    ] = None,
) -> FederationOut:
    commissioner = await hubs_visible_to(uow.session, principal, ods)
    row = await store.federation_row(uow.session, ods)
    if row is None:
        raise NotFound(f"no federation {ods} is known (contracts has not registered it)")
    hubs = []
    for versions in (await store.hub_versions(uow.session, federation_ods=ods)).values():
        terms = current_terms(versions) if on is None else terms_on(versions, on)
        if terms is not None and commissioner in (None, terms.commissioner_ods):
            hubs.append(
                HubOut(
                    contract_id=terms.contract_id,
                    commissioner_ods=terms.commissioner_ods,
                    service=terms.service,
                    status=terms.status,
                    start_date=terms.start_date,
                    end_date=terms.last_day,
                    effective_from=terms.effective_from,
                    payment=terms.payment,
                    distribution=terms.distribution,
                )
            )
    hubs.sort(key=lambda h: h.contract_id)
    return FederationOut(ods_code=ods, name=row.name, legal_form=row.legal_form, hubs=hubs)


async def _lock_federation(uow: UnitOfWorkDep, ods: str) -> None:
    """Membership changes of one federation are serialised, so two joins cannot overlap."""
    await require_federation(uow.session, ods, lock=True)


@router.post("/federations/{ods}/members", status_code=201, response_model=MembershipOut)
async def join(
    ods: FederationOds, body: Join, uow: UnitOfWorkDep, principal: FederationStaff
) -> MembershipOut:
    require_staff_of(principal, ods)
    await _lock_federation(uow, ods)
    existing = await store.memberships_of(uow.session, ods, [body.practice_ods])
    with at("joined_on"):
        rules.check_can_join(existing, body.joined_on)
    row = await store.add_membership(uow.session, ods, body.practice_ods, body.joined_on)
    uow.publish(
        MemberJoined(federation_ods=ods, practice_ods=body.practice_ods, date=body.joined_on)
    )
    await uow.commit()
    return _out(row)


@router.post("/federations/{ods}/members/{practice_ods}/leave", response_model=MembershipOut)
async def leave(
    ods: FederationOds,
    practice_ods: Annotated[OdsCode, Path(examples=["B86001"])],
    body: Leave,
    uow: UnitOfWorkDep,
    principal: FederationStaff,
) -> MembershipOut:
    require_staff_of(principal, ods)
    await _lock_federation(uow, ods)
    open_row = await store.open_membership(uow.session, ods, practice_ods)
    if open_row is None:
        raise Conflict(f"{practice_ods} is not a current member of {ods}")
    with at("left_on"):
        left = rules.leave(
            rules.Membership(ods, practice_ods, open_row.joined_on, None), body.left_on
        )
    assert left.left_on is not None
    row = await store.end_membership(uow.session, open_row.id, left.left_on)
    uow.publish(MemberLeft(federation_ods=ods, practice_ods=practice_ods, date=body.left_on))
    await uow.commit()
    return _out(row)


@router.get("/federations/{ods}/members", response_model=Page[MembershipOut])
async def members(
    ods: FederationOds,
    uow: UnitOfWorkDep,
    page: PageDep,
    principal: Reader,
    on: Annotated[
        date | None, Query(description="Members on this day; omit for the history")
    ] = None,
) -> Page[MembershipOut]:
    await require_federation(uow.session, ods)
    await hubs_visible_to(uow.session, principal, ods)
    rows = await store.membership_page(uow.session, ods, page, on)
    return Page[MembershipOut](
        items=[_out(r) for r in rows[: page.limit]],
        next_cursor=page.next_cursor(rows, lambda r: [r.id]),
    )
