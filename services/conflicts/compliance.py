"""Register compliance from the read model: who is overdue, per committee and overall, among
the caller's own people and committees (access.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from services.conflicts import access, store
from services.conflicts.domain.compliance import Change, Overdue, Trigger, overdue
from services.conflicts.schemas import (
    CommitteeCompliance,
    ComplianceSummary,
    OverdueOut,
    OverduePage,
    OverdueReason,
)
from shared.auth import Principal
from shared.pagination import PageRequest


async def overdue_by_person(
    session: AsyncSession, today: date, people: ColumnElement[bool] | None = None
) -> dict[str, list[Overdue]]:
    """Every person's missed obligations (empty when up to date), among ``people`` (a condition
    on the people table; default everyone). A register holds hundreds of people, so this reads
    it whole: the summary needs everyone anyway."""
    changes: dict[str, list[Change]] = defaultdict(list)
    declared: dict[str, list[date]] = defaultdict(list)
    for a in await session.execute(
        select(store.affiliations.c.person_id, store.affiliations.c.recorded_on).where(
            store.affiliations.c.recorded_on.is_not(None)
        )
    ):
        changes[a.person_id].append(Change(Trigger.AFFILIATION, a.recorded_on))
    for d in await session.execute(
        select(store.declarations.c.person_id, store.declarations.c.declared_on)
    ):
        declared[d.person_id].append(d.declared_on)
    found: dict[str, list[Overdue]] = {}
    for p in await session.execute(
        select(
            store.people.c.id, store.people.c.appointed_on, store.people.c.roles_changed_on
        ).where(true() if people is None else people)
    ):
        mine = list(changes[p.id])
        if p.roles_changed_on is not None:
            mine.append(Change(Trigger.ROLE_CHANGE, p.roles_changed_on))
        found[p.id] = overdue(p.appointed_on, mine, declared[p.id], today)
    return found


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
