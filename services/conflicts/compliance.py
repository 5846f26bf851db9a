"""Register compliance from the read model: who is overdue, per committee and overall, among
the caller's own people and committees (access.py); and the register as it stood on a day, for
the quarterly self-certification (certification.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from services.conflicts import access, store
from services.conflicts.domain.certification import PersonOnRegister
from services.conflicts.domain.compliance import Change, Overdue, Trigger, overdue
from services.conflicts.domain.training import MANDATORY
from services.conflicts.schemas import (
    CommitteeCompliance,
    ComplianceSummary,
    OverdueOut,
    OverduePage,
    OverdueReason,
)
from shared.auth import Principal
from shared.pagination import PageRequest


@dataclass
class _Register:
    """People and what they recorded by one day, read once."""

    people: list[Row[Any]]
    affiliations: dict[str, list[Row[Any]]] = field(default_factory=lambda: defaultdict(list))
    declarations: dict[str, list[Row[Any]]] = field(default_factory=lambda: defaultdict(list))
    role_changes: dict[str, list[date]] = field(default_factory=lambda: defaultdict(list))

    def overdue(self, p: Row[Any], as_at: date) -> list[Overdue]:
        mine = [
            Change(Trigger.AFFILIATION, a.recorded_on)
            for a in self.affiliations[p.id]
            if a.recorded_on is not None
        ]
        mine += [Change(Trigger.ROLE_CHANGE, on) for on in self.role_changes[p.id]]
        declared = [d.declared_on for d in self.declarations[p.id]]
        return overdue(p.appointed_on, mine, declared, as_at)


async def _register(
    session: AsyncSession, as_at: date, people: ColumnElement[bool] | None
) -> _Register:
    """The register as it stood on ``as_at``: affiliations and declarations recorded after it
    are left out, so a past day reads as it was (a register holds hundreds of people, so this
    reads it whole: the summary needs everyone anyway)."""
    who = true() if people is None else people
    P, A, D = store.people, store.affiliations, store.declarations
    register = _Register(list(await session.execute(select(P).where(who))))
    for a in await session.execute(
        select(A)
        .join(P, P.c.id == A.c.person_id)
        .where(who, or_(A.c.recorded_on.is_(None), A.c.recorded_on <= as_at))
    ):
        register.affiliations[a.person_id].append(a)
    for d in await session.execute(
        select(D).join(P, P.c.id == D.c.person_id).where(who, D.c.declared_on <= as_at)
    ):
        register.declarations[d.person_id].append(d)
    R = store.role_changes
    for person_id, on in await session.execute(
        select(R.c.person_id, R.c.changed_on)
        .join(P, P.c.id == R.c.person_id)
        .where(who, R.c.changed_on <= as_at)
    ):
        register.role_changes[person_id].append(on)
    return register


async def overdue_by_person(
    session: AsyncSession, today: date, people: ColumnElement[bool] | None = None
) -> dict[str, list[Overdue]]:
    """Every person's missed obligations (empty when up to date), among ``people`` (a condition
    on the people table; default everyone), as the register stood on ``today``."""
    register = await _register(session, today, people)
    return {p.id: register.overdue(p, today) for p in register.people}


async def register_on(
    session: AsyncSession, as_at: date, people: ColumnElement[bool]
) -> list[PersonOnRegister]:
    """Each of ``people`` appointed by ``as_at`` as the self-certification reads them: what is
    overdue then, their interests, the nil declarations made by then, and completions of the
    mandatory training."""
    register = await _register(session, as_at, people)
    # Interests by their own dates, whenever recorded: one held on the day was held then.
    held = await store.load_people(session, [p.id for p in register.people])
    T = store.training_records
    trained: dict[str, list[date]] = defaultdict(list)
    for t in await session.execute(
        select(T.c.person_id, T.c.completed_on)
        .join(store.people, store.people.c.id == T.c.person_id)
        .where(people, T.c.course == MANDATORY.value)
    ):
        trained[t.person_id].append(t.completed_on)
    return [
        PersonOnRegister(
            id=p.id,
            name=p.name,
            decision_making=p.decision_making,
            appointed_on=p.appointed_on,
            overdue=tuple(register.overdue(p, as_at)),
            interests=(*held[p.id].affiliations, *held[p.id].declarations),
            nil_declared_on=tuple(d.declared_on for d in register.declarations[p.id] if d.nil),
            trained=tuple(trained[p.id]),
        )
        for p in sorted(register.people, key=lambda p: (p.name, p.id))
        if p.appointed_on <= as_at
    ]


async def overdue_page(
    session: AsyncSession,
    principal: Principal,
    page: PageRequest,
    committee_id: str | None,
    today: date,
) -> OverduePage:
    by_person = await overdue_by_person(
        session, today, access.visible(principal, store.people.c.organisation_ods)
    )
    committees = [
        store.committee_of(r)
        for r in await session.execute(
            select(store.committees).where(
                access.visible(principal, store.committees.c.organisation_ods)
            )
        )
    ]
    committees.sort(key=lambda c: c.id)
    scope = set(by_person)
    if committee_id is not None:
        scope = {m.person_id for c in committees if c.id == committee_id for m in c.members}
        committees = [c for c in committees if c.id == committee_id]
    summary = ComplianceSummary(
        people=len(scope),
        overdue=sum(1 for p in scope if by_person.get(p)),
        committees=[
            CommitteeCompliance(
                committee_id=c.id,
                name=c.name,
                people=len(c.members),
                overdue=sum(1 for m in c.members if by_person.get(m.person_id)),
            )
            for c in committees
        ],
    )
    ids = sorted(p for p in scope if by_person.get(p))
    if (after := page.after_str()) is not None:
        ids = [p for p in ids if p > after]
    ids = ids[: page.limit + 1]
    rows = await session.execute(
        select(store.people.c.id, store.people.c.name).where(store.people.c.id.in_(ids))
    )
    names = {r.id: r.name for r in rows}
    items = [
        OverdueOut(
            person_id=p,
            name=names[p],
            reasons=[o.reason for o in by_person[p]],
            due_date=min(o.due_date for o in by_person[p]),
            overdue=[OverdueReason(**o.__dict__) for o in by_person[p]],
        )
        for p in ids
    ]
    return OverduePage(
        items=items[: page.limit],
        next_cursor=page.next_cursor(items, lambda o: [o.person_id]),
        summary=summary,
    )
