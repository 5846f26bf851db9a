"""Federation membership on a date, rebuilt from join and leave events that may arrive in any
order and more than once."""

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
