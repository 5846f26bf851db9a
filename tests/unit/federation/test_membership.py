"""Membership rules, with no I/O."""

from __future__ import annotations

from datetime import date

import pytest

from services.federation.domain.errors import InvalidDates, MembershipOverlaps
from services.federation.domain.membership import Membership, check_can_join, covers, leave

D = date


def m(joined: date, left: date | None = None) -> Membership:
    return Membership("Y02765", "B86001", joined, left)


def test_member_on_the_day_they_join_and_the_day_they_leave() -> None:
    membership = m(D(2026, 4, 1), D(2026, 8, 31))
    assert not membership.is_member_on(D(2026, 3, 31))
    assert membership.is_member_on(D(2026, 4, 1))
    assert membership.is_member_on(D(2026, 8, 31))
    assert not membership.is_member_on(D(2026, 9, 1))


def test_joining_while_a_membership_still_runs_is_an_overlap() -> None:
    with pytest.raises(MembershipOverlaps):
        check_can_join([m(D(2026, 4, 1))], D(2026, 6, 1))
    with pytest.raises(MembershipOverlaps):
        check_can_join([m(D(2026, 4, 1), D(2026, 5, 31))], D(2026, 5, 31))
    with pytest.raises(MembershipOverlaps):
        check_can_join([m(D(2026, 4, 1), D(2026, 5, 31))], D(2026, 1, 1))
    check_can_join([m(D(2026, 4, 1), D(2026, 5, 31))], D(2026, 6, 1))


def test_leaving_before_joining_is_refused() -> None:
    with pytest.raises(InvalidDates):
        leave(m(D(2026, 4, 1)), D(2026, 3, 31))
    assert leave(m(D(2026, 4, 1)), D(2026, 4, 1)).left_on == D(2026, 4, 1)


def test_back_to_back_memberships_cover_a_span_but_a_gap_does_not() -> None:
    back_to_back = [m(D(2026, 6, 1)), m(D(2026, 4, 1), D(2026, 5, 31))]
    assert covers(back_to_back, D(2026, 4, 15), None)
    gap = [m(D(2026, 4, 1), D(2026, 5, 30)), m(D(2026, 6, 1))]
    assert not covers(gap, D(2026, 4, 15), D(2026, 7, 1))
    assert covers(gap, D(2026, 4, 15), D(2026, 5, 30))
    assert not covers([m(D(2026, 4, 1), D(2026, 12, 31))], D(2026, 4, 1), None)
    assert not covers([], D(2026, 4, 1), D(2026, 4, 2))
