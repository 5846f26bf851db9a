"""Federations and their members: who belonged on any day, history never overwritten."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import and_, or_, select

from services.federation.access import hubs_visible_to, require_staff_of
from services.federation.domain import membership as rules
from services.federation.domain.hub import current_terms, terms_on
from services.federation.routes.common import (
    FederationOds,
    require_federation,
)
from services.federation.store import federations, hub_versions, memberships, memberships_of
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
    row = (
        await uow.session.execute(select(federations).where(federations.c.ods_code == ods))
    ).first()
    if row is None:
        raise NotFound(f"no federation {ods} is known (contracts has not registered it)")
    hubs = []
    for versions in (await hub_versions(uow.session, federation_ods=ods)).values():
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
    await require_federation(uow.session, ods)
    await uow.session.execute(
        select(federations.c.ods_code).where(federations.c.ods_code == ods).with_for_update()
    )


@router.post("/federations/{ods}/members", status_code=201, response_model=MembershipOut)
async def join(
    ods: FederationOds, body: Join, uow: UnitOfWorkDep, principal: FederationStaff
) -> MembershipOut:
    require_staff_of(principal, ods)
    await _lock_federation(uow, ods)
    existing = await memberships_of(uow.session, ods, [body.practice_ods])
    with at("joined_on"):
        rules.check_can_join(existing, body.joined_on)
    result = await uow.session.execute(
        memberships.insert()
        .values(federation_ods=ods, practice_ods=body.practice_ods, joined_on=body.joined_on)
        .returning(*memberships.c)
    )
    row = result.one()
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
    open_row = (
        await uow.session.execute(
            select(memberships).where(
                memberships.c.federation_ods == ods,
                memberships.c.practice_ods == practice_ods,
                memberships.c.left_on.is_(None),
            )
        )
    ).first()
    if open_row is None:
        raise Conflict(f"{practice_ods} is not a current member of {ods}")
    with at("left_on"):
        left = rules.leave(
            rules.Membership(ods, practice_ods, open_row.joined_on, None), body.left_on
        )
    row = (
        await uow.session.execute(
            memberships.update()
            .where(memberships.c.id == open_row.id)
            .values(left_on=left.left_on)
            .returning(*memberships.c)
        )
    ).one()
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
    m = memberships.c
    query = select(memberships).where(m.federation_ods == ods).order_by(m.id).limit(page.limit + 1)
    if on is not None:
        query = query.where(and_(m.joined_on <= on, or_(m.left_on.is_(None), m.left_on >= on)))
    if (after := page.after_int()) is not None:
        query = query.where(m.id > after)
    rows = list((await uow.session.execute(query)).all())
    return Page[MembershipOut](
        items=[_out(r) for r in rows[: page.limit]],
        next_cursor=page.next_cursor(rows, lambda r: [r.id]),
    )
