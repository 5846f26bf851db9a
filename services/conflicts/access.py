"""Whose conflicts records a caller may see and change (docs/security.md, "conflicts").

Every record belongs to a commissioner: people, committees and breaches to the organisation of
the governance user (or ops token) that created them; declarations, gifts and affiliations to
their person; a decision item to its contract's commissioner, and decisions to their item.
Governance staff see and act on their own organisation's records only; ops sees them all.
Another organisation's record answers 404, as if absent, so its identifier reveals nothing.
Rows from before owners were kept belong to nobody: only ops sees them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from services.conflicts import store
from shared.auth import Principal, Role
from shared.problems import NotFound


def owner_for(principal: Principal) -> str:
    """The organisation a record created by ``principal`` belongs to."""
    return principal.org


def visible(principal: Principal, owner: Any) -> ColumnElement[bool]:
    """The SQL condition on an owner column for the rows ``principal`` may see."""
    if principal.role is Role.OPS:
        return true()
    result: ColumnElement[bool] = owner == principal.org
    return result


async def _one(session: AsyncSession, query: Any, what: str) -> Any:
    row = (await session.execute(query)).first()
    if row is None:
        raise NotFound(f"no {what}")
    return row


async def person(session: AsyncSession, principal: Principal, person_id: str) -> Any:
    """The person's row, or 404 when absent or another organisation's."""
    t = store.people
    query = select(t).where(t.c.id == person_id, visible(principal, t.c.organisation_ods))
    return await _one(session, query, f"person {person_id}")


async def committee(session: AsyncSession, principal: Principal, committee_id: str) -> Any:
    t = store.committees
    query = select(t).where(t.c.id == committee_id, visible(principal, t.c.organisation_ods))
    return await _one(session, query, f"committee {committee_id}")


async def item(
    session: AsyncSession, principal: Principal, item_id: str, *, lock: bool = False
) -> Any:
    """The decision item's row; ``lock`` holds it until commit so two decisions on it cannot
    both pass."""
    t = store.items
    query = select(t).where(t.c.id == item_id, visible(principal, t.c.commissioner_ods))
    if lock:
        query = query.with_for_update()
    return await _one(session, query, f"decision item {item_id}")
