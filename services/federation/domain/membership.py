"""Membership of a federation: dated, never overwritten.

A practice may belong to several groupings at once (Practice finances survey, Case study 1:
Trust Primary Care and the Bradford Care Alliance); within one federation its memberships
never overlap, so "who were the members on day D" has one answer.
``left_on`` is the last day of membership (inclusive).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from services.federation.domain.errors import InvalidDates, MembershipOverlaps, NotAMember


@dataclass(frozen=True)
class Membership:
    federation_ods: str
    practice_ods: str
    joined_on: date
    left_on: date | None = None

    def is_member_on(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)

    def overlaps_from(self, day: date) -> bool:
        """Whether this membership is still running on or after ``day``."""
        return self.left_on is None or self.left_on >= day


def check_can_join(existing: Iterable[Membership], joined_on: date) -> None:
    """A new membership runs open-ended from ``joined_on``: nothing may still be running then."""
    for membership in existing:
        if membership.overlaps_from(joined_on) or membership.joined_on >= joined_on:
            raise MembershipOverlaps(
                f"{membership.practice_ods} is already a member of "
                f"{membership.federation_ods} from {membership.joined_on}"
                + (f" to {membership.left_on}" if membership.left_on else "")
            )


def leave(current: Membership, left_on: date) -> Membership:
    if left_on < current.joined_on:
        raise InvalidDates(f"left_on {left_on} is before joined_on {current.joined_on}")
    return Membership(current.federation_ods, current.practice_ods, current.joined_on, left_on)


def covers(memberships: Iterable[Membership], start: date, end: date | None) -> bool:
    """Whether the memberships, joined end to end, cover every day from start to end."""
    day: date | None = start
    for m in sorted(memberships, key=lambda m: m.joined_on):
        if day is None:
            break
        if m.joined_on <= day and m.overlaps_from(day):
            day = None if m.left_on is None else m.left_on + timedelta(days=1)
        if day is not None and end is not None and day > end:
            return True
    return day is None or (end is not None and day > end)


def require_member_throughout(
    memberships: Iterable[Membership], practice_ods: str, start: date, end: date | None
) -> None:
    if not covers(memberships, start, end):
        until = f" to {end}" if end else " with no end date"
        raise NotAMember(f"{practice_ods} is not a member from {start}{until}")
