"""Federation membership on a date, rebuilt from join and leave events that may arrive in any
order and more than once. A federation may itself be a member of another (an alliance of
federations), through the same events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class MembershipChange:
    federation_ods: str
    practice_ods: str
    joined: bool
    on: date


def members_on(federation_ods: str, changes: Iterable[MembershipChange], on: date) -> set[str]:
    """Practices that are members of the federation on ``on``: each practice's latest change on
    or before that date decides (a leave on the same day as a join wins: it came after)."""
    latest: dict[str, tuple[date, bool, bool]] = {}
    for change in changes:
        if change.federation_ods != federation_ods or change.on > on:
            continue
        key = (change.on, not change.joined, change.joined)
        if change.practice_ods not in latest or key > latest[change.practice_ods]:
            latest[change.practice_ods] = key
    return {practice for practice, (_, _, joined) in latest.items() if joined}


def within(
    federation_ods: str, changes: Iterable[MembershipChange], on: date
) -> list[tuple[str, str]]:
    """Every member of the federation on ``on``, and of any federation among its members, as
    (member, the federation it is a member of), nearest first."""
    changes = list(changes)
    found: list[tuple[str, str]] = []
    seen, queue = {federation_ods}, [federation_ods]
    while queue:
        federation = queue.pop(0)
        for member in sorted(members_on(federation, changes, on) - seen):
            seen.add(member)
            found.append((member, federation))
            queue.append(member)
    return found


def alliances(ods: str, changes: Iterable[MembershipChange], on: date) -> list[tuple[str, str]]:
    """Every federation ``ods`` belongs to on ``on``, and every federation those belong to, as
    (federation, its member on the way up from ``ods``), nearest first."""
    changes = list(changes)
    found: list[tuple[str, str]] = []
    seen, queue = {ods}, [ods]
    while queue:
        member = queue.pop(0)
        candidates = {c.federation_ods for c in changes if c.practice_ods == member}
        for federation in sorted(candidates - seen):
            if member in members_on(federation, changes, on):
                seen.add(federation)
                found.append((federation, member))
                queue.append(federation)
    return found
