"""HTTP routes of the conflicts service: HTTP in, a command on the domain, HTTP out."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import insert, select, update

from services.conflicts import access, store
from services.conflicts.certification import router as certification_router
from services.conflicts.compliance import overdue_page
from services.conflicts.domain.committees import Member, check_makeup
from services.conflicts.domain.decisions import check_clinical_advice, tally
from services.conflicts.domain.gifts import initial_status, judge
from services.conflicts.domain.publication import RecordedInterest
from services.conflicts.domain.screening import MemberConflict
from services.conflicts.escalations import route_of
from services.conflicts.escalations import router as escalations_router
from services.conflicts.people import router as people_router
from services.conflicts.public import router as public_router
from services.conflicts.schemas import (
    AffectedOut,
    CommitteeOut,
    ConflictOut,
    Created,
    DecisionOut,
    GiftOut,
    ItemOut,
    NewBreach,
    NewCommittee,
    NewDecision,
    NewDeclaration,
    NewGift,
    NewPerson,
    OverduePage,
    ScreeningOut,
    WarningOut,
)
from services.conflicts.screenings import check_present, parse_present, screen_item
from shared import calendar
from shared.auth import Principal, Role, require_roles
from shared.events.conflicts import (
    BreachReported,
    CommitteeFormed,
    ConflictedMember,
    DecisionRecorded,
    GiftRecorded,
    InterestDeclared,
    PersonRegistered,
)
from shared.pagination import Page, PageDep
from shared.problems import Conflict, Unprocessable
from shared.web import UnitOfWorkDep

router = APIRouter()
router.include_router(public_router)
router.include_router(people_router)
router.include_router(escalations_router)
router.include_router(certification_router)
Governance = Annotated[Principal, require_roles(Role.GOVERNANCE)]


def _new_id() -> str:
    return uuid.uuid4().hex


def _conflict_out(c: MemberConflict) -> ConflictOut:
    return ConflictOut(
        person_id=c.person_id, role=c.role, kind=c.kind, reason=c.reason, action=c.action
    )


def _recorded(c: MemberConflict) -> dict[str, object]:
    """A conflict as a decision keeps it: the full reason for the record, and each interest's
    source, from which the public register decides what it may show (domain/publication.py)."""
    return {
        **_conflict_out(c).model_dump(mode="json"),
        "interests": [RecordedInterest.of(i).as_json() for i in c.interests],
    }


@router.post("/people", status_code=201, response_model=Created, tags=["registers"])
async def create_person(body: NewPerson, uow: UnitOfWorkDep, principal: Governance) -> Created:
    person_id = _new_id()
    await uow.session.execute(
        insert(store.people).values(
            id=person_id,
            name=body.name,
            roles=body.roles,
            decision_making=body.decision_making,
            appointed_on=body.appointed_on or calendar.uk_today(),
            created_at=datetime.now(UTC),
            organisation_ods=access.owner_for(principal),
        )
    )
    for a in body.affiliations:
        await uow.session.execute(
            insert(store.affiliations).values(
                id=_new_id(),
                person_id=person_id,
                organisation_ods=a.organisation_ods,
                relationship=a.relationship.value,
                start_date=a.start_date,
                end_date=a.end_date,
            )
        )
    uow.publish(PersonRegistered(person_id=person_id, decision_making=body.decision_making))
    await uow.commit()
    return Created(id=person_id, status="active")


@router.post(
    "/people/{person_id}/declarations", status_code=201, response_model=Created, tags=["registers"]
)
async def declare(
    person_id: str, body: NewDeclaration, uow: UnitOfWorkDep, principal: Governance
) -> Created:
    await access.person(uow.session, principal, person_id)
    broken = body.rule_breaks()
    if broken:
        raise Unprocessable(
            "; ".join(f"{f}: {m}" for f, m in broken),
            errors=[{"loc": ["body", f], "field": f, "msg": m, "type": "rule"} for f, m in broken],
        )
    declaration_id = _new_id()
    values = body.model_dump(exclude={"nil"}) if not body.nil else {}
    if values:
        values["category"] = body.category.value if body.category else None
        values["held_by"] = body.held_by.value
    await uow.session.execute(
        insert(store.declarations).values(
            id=declaration_id,
            person_id=person_id,
            nil=body.nil,
            publish=body.publish,
            declared_on=calendar.uk_today(),
            **{k: v for k, v in values.items() if k != "publish"},
        )
    )
    uow.publish(
        InterestDeclared(
            person_id=person_id,
            declaration_id=declaration_id,
            nil=body.nil,
            organisation_ods=body.organisation_ods,
        )
    )
    await uow.commit()
    return Created(id=declaration_id, status="nil" if body.nil else "declared")


@router.post(
    "/people/{person_id}/gifts", status_code=201, response_model=GiftOut, tags=["registers"]
)
async def record_gift(
    person_id: str, body: NewGift, uow: UnitOfWorkDep, principal: Governance
) -> GiftOut:
    await access.person(uow.session, principal, person_id)
    verdict = judge(body.kind, body.value_pence, source_is_supplier=body.source_is_supplier)
    gift_id = _new_id()
    await uow.session.execute(
        insert(store.gifts).values(
            id=gift_id,
            person_id=person_id,
            **body.model_dump(mode="python") | {"kind": body.kind.value},
            declarable=verdict.declarable,
            acceptable=verdict.acceptable,
            needs_approval=verdict.needs_approval,
            reason=verdict.reason,
            status=initial_status(verdict).value,
        )
    )
    uow.publish(
        GiftRecorded(
            person_id=person_id,
            gift_id=gift_id,
            value_pence=body.value_pence,
            declarable=verdict.declarable,
            acceptable=verdict.acceptable,
            needs_approval=verdict.needs_approval,
        )
    )
    await uow.commit()
    return GiftOut(id=gift_id, **verdict.__dict__)


@router.post("/committees", status_code=201, response_model=Created, tags=["committees"])
async def create_committee(
    body: NewCommittee, uow: UnitOfWorkDep, principal: Governance
) -> Created:
    ids = [m.person_id for m in body.members]
    if len(set(ids)) != len(ids):
        raise Unprocessable.field(["body", "members"], "a person is listed twice")
    # Members are the caller's own people: another organisation's person is refused as an
    # unknown one is, so the answer says nothing about them. Ops, who sees every register, may
    # name anyone (the operator acting for a commissioner).
    people = store.people
    known = set(
        (
            await uow.session.execute(
                select(people.c.id).where(
                    people.c.id.in_(ids), access.visible(principal, people.c.organisation_ods)
                )
            )
        ).scalars()
    )
    for i, person_id in enumerate(ids):
        if person_id not in known:
            raise Unprocessable.field(["body", "members", i, "person_id"], f"no person {person_id}")
    # A make-up the committee's kind does not allow is answered 422 on members by the kernel.
    check_makeup(
        body.kind, [Member(m.person_id, m.role, m.voting, m.deputy_for) for m in body.members]
    )
    owner = access.owner_for(principal)
    committee_id = _new_id()
    await uow.session.execute(
        insert(store.committees).values(
            id=committee_id,
            name=body.name,
            members=[m.model_dump(mode="json") for m in body.members],
            quorum=body.quorum.model_dump(mode="json"),
            conflict_policy={k.value: v.value for k, v in body.conflict_policy.items()},
            organisation_ods=owner,
            kind=body.kind.value,
        )
    )
    uow.publish(
        CommitteeFormed(
            committee_id=committee_id, name=body.name, member_ids=ids, organisation_ods=owner
        )
    )
    await uow.commit()
    return Created(id=committee_id, status="active")


@router.get("/committees/{committee_id}", response_model=CommitteeOut, tags=["committees"])
async def get_committee(
    committee_id: str, uow: UnitOfWorkDep, principal: Governance
) -> CommitteeOut:
    row = await access.committee(uow.session, principal, committee_id)
    return CommitteeOut.model_validate(row._mapping)


@router.get("/committees/{committee_id}/items", response_model=Page[ItemOut], tags=["committees"])
async def list_items(
    committee_id: str, uow: UnitOfWorkDep, page: PageDep, principal: Governance
) -> Page[ItemOut]:
    await access.committee(uow.session, principal, committee_id)
    query = (
        select(store.items)
        .where(
            store.items.c.committee_id == committee_id,
            access.visible(principal, store.items.c.commissioner_ods),
        )
        .order_by(store.items.c.id)
        .limit(page.limit + 1)
    )
    if (after := page.after_str()) is not None:
        query = query.where(store.items.c.id > after)
    rows = list((await uow.session.execute(query)).all())
    return Page[ItemOut](
        items=[ItemOut.model_validate(r._mapping) for r in rows[: page.limit]],
        next_cursor=page.next_cursor(rows, lambda r: [r.id]),
    )


@router.get("/items/{item_id}/screening", response_model=ScreeningOut, tags=["decisions"])
async def get_screening(
    item_id: str,
    uow: UnitOfWorkDep,
    principal: Governance,
    on: Annotated[date | None, Query(description="decision date (default today)")] = None,
    present: Annotated[
        str | None,
        Query(
            max_length=3300,
            description="who will be in the room, as comma-separated person ids (default: the "
            "voting membership)",
        ),
    ] = None,
) -> ScreeningOut:
    item = await access.item(uow.session, principal, item_id)
    day = on or calendar.uk_today()
    attending = parse_present(present)
    committee = await store.load_committee(uow.session, item.committee_id)
    if committee is not None:
        check_present(committee, attending, ["query", "present"])
    _committee, s = await screen_item(
        uow.session, item, day, present=attending, committee=committee
    )
    return ScreeningOut(
        item_id=item_id,
        committee_id=item.committee_id,
        on=s.on,
        present=list(s.present),
        affected_ods=list(s.affected_ods),
        affected=[AffectedOut(ods=a.ods, ground=a.ground) for a in s.affected],
        conflicts=[_conflict_out(c) for c in s.conflicts],
        quorate=s.quorate,
        quorum_shortfalls=list(s.quorum_shortfalls),
        chair_must_hand_over=s.chair_must_hand_over,
        acting_chair_id=s.acting_chair_id,
        clinician_remains=s.clinician_remains,
        warnings=[WarningOut(code=w.code, detail=w.detail) for w in s.warnings],
    )


@router.post(
    "/items/{item_id}/decision", status_code=201, response_model=DecisionOut, tags=["decisions"]
)
async def record_decision(
    item_id: str, body: NewDecision, uow: UnitOfWorkDep, principal: Governance
) -> DecisionOut:
    item = await access.item(uow.session, principal, item_id, lock=True)
    if item.status not in ("open", "deferred"):
        raise Conflict(f"item {item_id} is already {item.status}")
    day = body.decided_on or calendar.uk_today()
    raised = [
        (r.person_id, r.kind, f"raised by {r.raised_by}: {r.reason}" if r.raised_by else r.reason)
        for r in body.declared_at_meeting
    ]
    committee, s = await screen_item(uow.session, item, day, present=body.present, raised=raised)
    for i, r in enumerate(body.declared_at_meeting):
        for field, who in (("person_id", r.person_id), ("raised_by", r.raised_by)):
            if who is not None and committee.member(who) is None:
                raise Unprocessable.field(
                    ["body", "declared_at_meeting", i, field], f"{who} is not a committee member"
                )
    # A decision the rules refuse (DecisionRefused) is answered 422 by the kernel.
    t = tally(committee, s, body.present, [(v.person_id, v.vote) for v in body.votes], body.outcome)
    check_clinical_advice(committee, s, body.present, body.clinical_advice_from)
    route = await route_of(uow.session, item_id, item.committee_id)
    conflicts = [_conflict_out(c) for c in s.conflicts]
    decision_id = _new_id()
    await uow.session.execute(
        insert(store.decisions).values(
            id=decision_id,
            item_id=item_id,
            committee_id=item.committee_id,
            contract_id=item.contract_id,
            outcome=t.result.value,
            quorate=s.quorate,
            decided_on=day,
            votes_for=t.votes_for,
            votes_against=t.votes_against,
            abstentions=t.abstentions,
            casting_vote_by=t.casting_vote_by,
            conflicts=[_recorded(c) for c in s.conflicts],
            votes=[v.model_dump(mode="json") for v in body.votes],
            clinical_advice_from=body.clinical_advice_from or None,
            escalated_from=route.escalated_from,
        )
    )
    await uow.session.execute(
        update(store.items).where(store.items.c.id == item_id).values(status=t.result.value)
    )
    uow.publish(
        DecisionRecorded(
            item_id=item_id,
            # The committee the contract names, whose decision contracts waits for, even when
            # the item was escalated to another of the commissioner's committees.
            committee_id=route.opened_for,
            contract_id=item.contract_id,
            outcome=t.result.value,
            quorate=s.quorate,
            decided_on=day,
            conflicts=[
                ConflictedMember(person_id=c.person_id, reason=c.reason, action=c.action.value)
                for c in conflicts
            ],
            change_id=item.change_id,
            change_kind=None if item.subject == "proposal" else item.subject,
        )
    )
    await uow.commit()
    return DecisionOut(
        id=decision_id,
        item_id=item_id,
        outcome=t.result,
        quorate=s.quorate,
        votes_for=t.votes_for,
        votes_against=t.votes_against,
        abstentions=t.abstentions,
        casting_vote_by=t.casting_vote_by,
        conflicts=conflicts,
        clinical_advice_from=body.clinical_advice_from,
        escalated_from=route.escalated_from,
    )


@router.get(
    "/compliance/overdue",
    response_model=OverduePage,
    tags=["registers"],
    responses={404: {"description": "No committee with this id is the caller's"}},
)
async def overdue(
    uow: UnitOfWorkDep,
    page: PageDep,
    principal: Governance,
    committee_id: Annotated[str | None, Query(max_length=64)] = None,
) -> OverduePage:
    """The caller's people overdue with their register, why and by when, with counts per
    committee of theirs and overall (the summary covers the whole filter, not just this page)."""
    if committee_id is not None:
        await access.committee(uow.session, principal, committee_id)
    return await overdue_page(uow.session, principal, page, committee_id, calendar.uk_today())


@router.post("/breaches", status_code=201, response_model=Created, tags=["registers"])
async def report_breach(body: NewBreach, uow: UnitOfWorkDep, principal: Governance) -> Created:
    breach_id = _new_id()
    await uow.session.execute(
        insert(store.breaches).values(
            id=breach_id,
            reported_on=calendar.uk_today(),
            organisation_ods=access.owner_for(principal),
            **body.model_dump(),
        )
    )
    uow.publish(BreachReported(breach_id=breach_id, occurred_on=body.occurred_on))
    await uow.commit()
    return Created(id=breach_id, status="reported")
