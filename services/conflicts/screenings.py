"""Screening an item from the read model, as it stands now: the one place the API (when asked
and when a decision is recorded) and the handlers (when an item opens) compute it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.conflicts import store
from services.conflicts.domain.committees import Committee, ConflictKind
from services.conflicts.domain.screening import Screening, affected_organisations, screen
from shared.problems import NotFound


async def affected(session: AsyncSession, provider_ods: str, on: date) -> list[str]:
    kinds = await store.organisation_kinds(session, [provider_ods])
    changes = await store.membership_of(session, provider_ods)
    return affected_organisations(provider_ods, kinds, changes, on)


async def screen_item(
    session: AsyncSession,
    item: Any,
    on: date,
    *,
    present: Iterable[str] | None = None,
    raised: Iterable[tuple[str, ConflictKind, str]] = (),
) -> tuple[Committee, Screening]:
    committee = await store.load_committee(session, item.committee_id)
    if committee is None:
        raise NotFound(f"item {item.id} names committee {item.committee_id}, which is unknown")
    people = await store.load_people(session, [m.person_id for m in committee.members])
    orgs = await affected(session, item.provider_ods, on)
    return committee, screen(committee, people, orgs, on, present=present, raised=raised)
