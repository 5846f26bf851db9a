"""Recording a decision: conflicted votes refused, no decision without quorum, the lay chair's
second and deciding vote on a tie (Co-commissioning evaluation 3.4.1)."""

from __future__ import annotations

from datetime import date

import pytest

from services.conflicts.domain.decisions import DecisionRefused, Outcome, Vote, tally
from services.conflicts.domain.registers import overdue_reasons, still_published
from services.conflicts.domain.screening import screen
from tests.unit.conflicts.factories import FED, JUL, pccc, people

ALL = ["chair", "lay", "cfo", "gp1", "gp2", "nhse"]


def _screen(present: list[str] = ALL):  # type: ignore[no-untyped-def]
    return screen(pccc(), people(), [FED, "B86001"], JUL, present=present)


def test_conflicted_member_vote_is_refused_naming_the_vote() -> None:
    votes = [("chair", Vote.FOR), ("gp1", Vote.FOR)]
    with pytest.raises(DecisionRefused) as refused:
        tally(pccc(), _screen(), ALL, votes, Outcome.APPROVED)
    assert refused.value.field == ["votes", 1, "person_id"]
    assert "gp1 is conflicted (partner of B86001) and must leave_room" in refused.value.message


def test_non_voting_member_vote_is_refused() -> None:
    with pytest.raises(DecisionRefused, match=r"nhse \(nhse\) has no vote"):
        tally(pccc(), _screen(), ALL, [("nhse", Vote.FOR)], Outcome.APPROVED)


def test_decision_without_quorum_is_refused() -> None:
    present = ["chair", "gp1", "gp2"]
    with pytest.raises(DecisionRefused) as refused:
        tally(pccc(), _screen(present), present, [("chair", Vote.FOR)], Outcome.APPROVED)
    assert refused.value.field == ["present"]
    assert "not quorate" in refused.value.message


def test_majority_decides() -> None:
    votes = [("chair", Vote.FOR), ("lay", Vote.FOR), ("cfo", Vote.AGAINST)]
    t = tally(pccc(), _screen(), ALL, votes, Outcome.APPROVED)
    assert (t.votes_for, t.votes_against, t.result, t.casting_vote_by) == (
        2, 1, Outcome.APPROVED, None,
    )  # fmt: skip


def test_tie_is_broken_by_the_lay_chair() -> None:
    votes = [("chair", Vote.AGAINST), ("lay", Vote.FOR), ("cfo", Vote.AGAINST), ("gp2", Vote.FOR)]
    t = tally(pccc(), _screen(), ALL, votes, Outcome.REJECTED)
    assert (t.result, t.casting_vote_by) == (Outcome.REJECTED, "chair")


def test_outcome_contradicting_the_votes_is_refused() -> None:
    with pytest.raises(DecisionRefused, match="the votes give rejected, not approved"):
        tally(pccc(), _screen(), ALL, [("cfo", Vote.AGAINST)], Outcome.APPROVED)


def test_absent_member_cannot_vote() -> None:
    present = ["chair", "lay", "cfo"]
    with pytest.raises(DecisionRefused, match="gp2 is not recorded as present"):
        tally(pccc(), _screen(present), present, [("gp2", Vote.FOR)], Outcome.APPROVED)


def test_deferral_needs_no_votes() -> None:
    assert tally(pccc(), _screen(), ALL, [], Outcome.DEFERRED).result is Outcome.DEFERRED


def test_overdue_without_a_declaration_within_28_days_of_appointment() -> None:
    appointed = date(2026, 1, 1)
    assert overdue_reasons(appointed, [], date(2026, 1, 29)) == []
    assert overdue_reasons(appointed, [], date(2026, 1, 30)) == [
        "no declaration within 28 days of appointment (due 2026-01-29)"
    ]
    assert overdue_reasons(appointed, [date(2026, 1, 29)], date(2026, 6, 1)) == []


def test_overdue_without_an_annual_confirmation() -> None:
    assert overdue_reasons(date(2025, 1, 1), [date(2025, 1, 5)], date(2026, 1, 6)) == [
        "no confirmation in the last year"
    ]


def test_interest_stays_published_six_months_after_it_ends() -> None:
    assert still_published(date(2026, 1, 1), date(2026, 7, 1))
    assert not still_published(date(2026, 1, 1), date(2026, 7, 4))
