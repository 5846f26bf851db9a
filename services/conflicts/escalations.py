"""Escalating a decision item to another committee of the same organisation, when screening leaves
its own committee inquorate or without clinical input (issue 17): a route forward for a meeting the
conflicts would otherwise leave unable to decide (Co-commissioning evaluation 3.4.3, the minor
surgery meeting)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.conflicts import access, store
from services.conflicts.schemas import EscalationOut, NewEscalation
from services.conflicts.screenings import check_present, screen_item
from shared import calendar
from shared.auth import Principal, Role, require_roles
from shared.events.conflicts import DecisionItemEscalated
from shared.problems import Conflict, Unprocessable
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["decisions"])
Governance = Annotated[Principal, require_roles(Role.GOVERNANCE)]


@dataclass(frozen=True)
class Route:
    """Where an item has been: the committee it was opened for (the one the contract names,
    which the contracts service takes the decision from) and the one it last came from."""

    opened_for: str
    escalated_from: str | None


async def route_of(session: AsyncSession, item_id: str, committee_id: str) -> Route:
    t = store.item_escalations
    rows = (
        await session.execute(
            select(t.c.from_committee_id)
            .where(t.c.item_id == item_id)
            .order_by(t.c.escalated_at, t.c.id)
        )
    ).all()
    if not rows:
        return Route(committee_id, None)
    return Route(rows[0].from_committee_id, rows[-1].from_committee_id)


@router.post(
    "/items/{item_id}/escalate",
    status_code=201,
    response_model=EscalationOut,
    responses={
        409: {"description": "The item is decided, already with that committee, or its "
              "committee can decide it"},
        422: {"description": "`committee_id` is not another committee of the organisation"},
    },
)  # fmt: skip
async def escalate(
    item_id: str, body: NewEscalation, uow: UnitOfWorkDep, principal: Governance
) -> EscalationOut:
    """Move the item to another committee of the same organisation. Allowed only while the
    item's screening (on ``on``, with ``present`` or the voting membership in the room) leaves
    its committee inquorate or without an unconflicted clinician."""
    item = await access.item(uow.session, principal, item_id, lock=True)
    if item.status not in ("open", "deferred"):
        raise Conflict(f"item {item_id} is already {item.status}")
    c = store.committees
    owner = select(c.c.organisation_ods).where(c.c.id == item.committee_id).scalar_subquery()
    target = (
        await uow.session.execute(
            select(c.c.id).where(c.c.id == body.committee_id, c.c.organisation_ods == owner)
        )
    ).first()
    if target is None:
        raise Unprocessable.field(
            ["body", "committee_id"],
            f"no committee {body.committee_id} of the organisation whose item this is",
        )
    if body.committee_id == item.committee_id:
        raise Conflict(f"item {item_id} is already with committee {body.committee_id}")
    day = body.on or calendar.uk_today()
    committee = await store.load_committee(uow.session, item.committee_id)
    if committee is not None:
        check_present(committee, body.present, ["body", "present"])
    _, s = await screen_item(uow.session, item, day, present=body.present, committee=committee)
    if not s.cannot_decide:
        raise Conflict(
            f"committee {item.committee_id} can decide item {item_id}: it is quorate with an "
            "unconflicted clinician in the room"
        )
    codes = [w.code for w in s.warnings]
    escalation_id = uuid.uuid4().hex
    await uow.session.execute(
        insert(store.item_escalations).values(
            id=escalation_id,
            item_id=item_id,
            from_committee_id=item.committee_id,
            to_committee_id=body.committee_id,
            reason=body.reason,
            warnings=[code.value for code in codes],
            escalated_on=day,
            escalated_at=datetime.now(UTC),
        )
    )
    await uow.session.execute(
        update(store.items)
        .where(store.items.c.id == item_id)
        .values(committee_id=body.committee_id)
    )
    uow.publish(
        DecisionItemEscalated(
            item_id=item_id,
            contract_id=item.contract_id,
            from_committee_id=item.committee_id,
            to_committee_id=body.committee_id,
            warnings=[code.value for code in codes],
            reason=body.reason,
            escalated_on=day,
        )
    )
    await uow.commit()
    return EscalationOut(
        id=escalation_id,
        item_id=item_id,
        from_committee_id=item.committee_id,
        to_committee_id=body.committee_id,
        reason=body.reason,
        warnings=codes,
        escalated_on=day,
    )
