"""Routes for a person after they are on the register: read them, add and end affiliations,
change roles, record their conflicts training, decide on a gift of theirs awaiting approval.
Each change is published, and adding an affiliation or changing roles starts a 28-day
declaration clock (docs/domain.md, "Registers of interests")."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter
from sqlalchemy import insert, select, update

from services.conflicts import access, store
from services.conflicts.domain.gifts import GiftStatus, decide
from services.conflicts.domain.training import check_completion
from services.conflicts.schemas import (
    AffiliationIn,
    AffiliationOut,
    EndAffiliation,
    GiftDecisionOut,
    NewGiftDecision,
    NewRoles,
    NewTraining,
    PersonOut,
    TrainingOut,
)
from shared import calendar
from shared.auth import Principal, Role, require_roles
from shared.events.conflicts import (
    AffiliationAdded,
    AffiliationEnded,
    GiftDecided,
    PersonRolesChanged,
    TrainingRecorded,
)
from shared.problems import Conflict, NotFound, Unprocessable
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["registers"])
Governance = Annotated[Principal, require_roles(Role.GOVERNANCE)]


def _affiliation_out(a: Mapping[Any, Any]) -> AffiliationOut:
    # Ended once its end date has passed; an end recorded ahead of time keeps it active.
    end = a["end_date"]
    ended = end is not None and end < calendar.uk_today()
    return AffiliationOut.model_validate({**a, "status": "ended" if ended else "active"})


@router.get("/people/{person_id}", response_model=PersonOut)
async def get_person(person_id: str, uow: UnitOfWorkDep, principal: Governance) -> PersonOut:
    p = await access.person(uow.session, principal, person_id)
    affs = await uow.session.execute(
        select(store.affiliations)
        .where(store.affiliations.c.person_id == person_id)
        .order_by(store.affiliations.c.id)
    )
    return PersonOut(
        id=p.id,
        name=p.name,
        roles=p.roles,
        decision_making=p.decision_making,
        appointed_on=p.appointed_on,
        roles_changed_on=p.roles_changed_on,
        affiliations=[_affiliation_out(a._mapping) for a in affs],
    )


@router.post("/people/{person_id}/affiliations", status_code=201, response_model=AffiliationOut)
async def add_affiliation(
    person_id: str, body: AffiliationIn, uow: UnitOfWorkDep, principal: Governance
) -> AffiliationOut:
    await access.person(uow.session, principal, person_id)
    affiliation_id = uuid.uuid4().hex
    values = {
        "id": affiliation_id,
        "person_id": person_id,
        "organisation_ods": body.organisation_ods,
        "relationship": body.relationship.value,
        "start_date": body.start_date,
        "end_date": body.end_date,
        "recorded_on": calendar.uk_today(),
    }
    await uow.session.execute(insert(store.affiliations).values(**values))
    uow.publish(
        AffiliationAdded(
            person_id=person_id,
            affiliation_id=affiliation_id,
            organisation_ods=body.organisation_ods,
            relationship=body.relationship.value,
            start_date=body.start_date,
            end_date=body.end_date,
        )
    )
    await uow.commit()
    return _affiliation_out(values)


@router.post("/people/{person_id}/affiliations/{affiliation_id}/end", response_model=AffiliationOut)
async def end_affiliation(
    person_id: str,
    affiliation_id: str,
    body: EndAffiliation,
    uow: UnitOfWorkDep,
    principal: Governance,
) -> AffiliationOut:
    await access.person(uow.session, principal, person_id)
    table = store.affiliations
    row = (
        await uow.session.execute(
            select(table)
            .where(table.c.id == affiliation_id, table.c.person_id == person_id)
            .with_for_update()
        )
    ).first()
    if row is None:
        raise NotFound(f"no affiliation {affiliation_id} for person {person_id}")
    if row.end_date is not None:
        raise Conflict(f"affiliation {affiliation_id} already ended on {row.end_date}")
    if row.start_date is not None and body.end_date < row.start_date:
        raise Unprocessable.field(["body", "end_date"], f"is before start_date {row.start_date}")
    await uow.session.execute(
        update(table).where(table.c.id == affiliation_id).values(end_date=body.end_date)
    )
    uow.publish(
        AffiliationEnded(person_id=person_id, affiliation_id=affiliation_id, end_date=body.end_date)
    )
    await uow.commit()
    return _affiliation_out({**row._mapping, "end_date": body.end_date})


@router.post("/people/{person_id}/roles", response_model=PersonOut)
async def change_roles(
    person_id: str, body: NewRoles, uow: UnitOfWorkDep, principal: Governance
) -> PersonOut:
    p = await access.person(uow.session, principal, person_id)
    if sorted(p.roles) != sorted(body.roles):
        today = calendar.uk_today()
        await uow.session.execute(
            update(store.people)
            .where(store.people.c.id == person_id)
            .values(roles=body.roles, roles_changed_on=today)
        )
        await uow.session.execute(
            insert(store.role_changes).values(
                person_id=person_id, changed_on=today, roles=body.roles
            )
        )
        uow.publish(PersonRolesChanged(person_id=person_id, roles=body.roles, changed_on=today))
        await uow.commit()
    return await get_person(person_id, uow, principal)


@router.post("/people/{person_id}/training", status_code=201, response_model=TrainingOut)
async def record_training(
    person_id: str, body: NewTraining, uow: UnitOfWorkDep, principal: Governance
) -> TrainingOut:
    """A completed course (the mandatory conflicts of interest training, Co-commissioning evaluation
    3.4.3, "Conflicts of interest statutory guidance")."""
    await access.person(uow.session, principal, person_id)
    today = calendar.uk_today()
    check_completion(body.completed_on, today)
    out = TrainingOut(
        id=uuid.uuid4().hex,
        person_id=person_id,
        course=body.course,
        completed_on=body.completed_on,
        recorded_on=today,
    )
    await uow.session.execute(insert(store.training_records).values(out.model_dump()))
    uow.publish(
        TrainingRecorded(
            person_id=person_id,
            training_id=out.id,
            course=body.course.value,
            completed_on=body.completed_on,
        )
    )
    await uow.commit()
    return out


@router.post(
    "/people/{person_id}/gifts/{gift_id}/decision",
    response_model=GiftDecisionOut,
    responses={409: {"description": "The gift needs no approval, or is already decided"}},
)
async def decide_gift(
    person_id: str,
    gift_id: str,
    body: NewGiftDecision,
    uow: UnitOfWorkDep,
    principal: Governance,
) -> GiftDecisionOut:
    """Approve or decline a gift or hospitality over an approval threshold: a governance user
    of the person's organisation decides, once."""
    await access.person(uow.session, principal, person_id)
    table = store.gifts
    row = (
        await uow.session.execute(
            select(table.c.status)
            .where(table.c.id == gift_id, table.c.person_id == person_id)
            .with_for_update()
        )
    ).first()
    if row is None:
        raise NotFound(f"no gift {gift_id} for person {person_id}")
    status = decide(GiftStatus(row.status), body.decision)
    out = GiftDecisionOut(
        id=gift_id,
        person_id=person_id,
        status=status,
        decided_by=principal.sub,
        decided_on=calendar.uk_today(),
        decision_reason=body.reason,
    )
    await uow.session.execute(
        update(table)
        .where(table.c.id == gift_id)
        .values(out.model_dump(include={"status", "decided_by", "decided_on", "decision_reason"}))
    )
    uow.publish(
        GiftDecided(
            person_id=person_id,
            gift_id=gift_id,
            status="approved" if status is GiftStatus.APPROVED else "declined",
            decided_on=out.decided_on,
        )
    )
    await uow.commit()
    return out
