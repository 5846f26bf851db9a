"""Screening an item from the read model, as it stands now: the one place the API (when asked,
when an item is escalated and when a decision is recorded) and the handlers (when an item
opens) compute it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.conflicts import store
from services.conflicts.domain.affected import Affected, ItemContract, affected_by
from services.conflicts.domain.committees import Committee, ConflictKind
from services.conflicts.domain.screening import Screening, screen
from shared.problems import NotFound, Unprocessable


async def affected_by_item(session: AsyncSession, item: ItemContract, on: date) -> list[Affected]:
    contracts = (
        await store.contracts_around(session, item.contract_id, item.commissioner_ods, item.kind)
        if item.contract_id
        else []
    )
    holders = {c.provider_ods for c in contracts}
    changes = await store.membership_graph(
        session, {item.provider_ods, *holders}, {item.provider_ods}
    )
    return affected_by(item, changes, contracts, on)


async def affected(session: AsyncSession, provider_ods: str, on: date) -> list[str]:
    """The provider, its federation's members and its alliances (no contract to look across)."""
    provider_only = ItemContract("", "", "", provider_ods, "")
    return [a.ods for a in await affected_by_item(session, provider_only, on)]


async def screen_item(
    session: AsyncSession,
    item: Any,
    on: date,
    *,
    present: Iterable[str] | None = None,
    raised: Iterable[tuple[str, ConflictKind, str]] = (),
    committee: Committee | None = None,
) -> tuple[Committee, Screening]:
    """Screen the item's committee (or ``committee``, one it may be escalated to)."""
    committee = committee or await store.load_committee(session, item.committee_id)
    if committee is None:
        raise NotFound(f"item {item.id} names committee {item.committee_id}, which is unknown")
    people = await store.load_people(session, [m.person_id for m in committee.members])
    facts = ItemContract(
        item.contract_id, item.contract_kind, item.commissioner_ods, item.provider_ods, item.service
    )
    orgs = await affected_by_item(session, facts, on)
    return committee, screen(committee, people, orgs, on, present=present, raised=raised)


#: At most this many people in ``?present=`` (a committee has at most 50 members).
MAX_PRESENT = 50


def parse_present(text: str | None) -> list[str] | None:
    """``?present=a,b,c`` as person ids (None when not given); refused 422 on ``present`` when
    it names more than a committee can hold."""
    if text is None:
        return None
    ids = list(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    if len(ids) > MAX_PRESENT or any(len(p) > 64 for p in ids):
        raise Unprocessable.field(
            ["query", "present"], f"at most {MAX_PRESENT} person ids of up to 64 characters"
        )
    return ids


def check_present(
    committee: Committee, present: Iterable[str] | None, where: list[str | int]
) -> None:
    """Refuse (422 at ``where``) attendance naming someone who is not on the committee."""
    unknown = [p for p in present or () if committee.member(p) is None]
    if unknown:
        raise Unprocessable.field(
            where, f"not members of committee {committee.id}: {', '.join(unknown)}"
        )
