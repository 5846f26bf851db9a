"""Who holds the casting vote when the lay chair is not in the room (Co-commissioning evaluation
3.4.1)."""

from __future__ import annotations

import pytest

from services.conflicts.domain.committees import Committee, QuorumRule
from services.conflicts.domain.decisions import DecisionRefused, Outcome, Vote, tally
from services.conflicts.domain.screening import WarningCode, screen
from tests.unit.conflicts.factories import FED, JUL, pccc, people

TIE = [("cfo", Vote.AGAINST), ("gp2", Vote.FOR)]


def test_with_the_chair_absent_a_present_lay_member_presides_and_breaks_the_tie() -> None:
    present = ["lay", "cfo", "gp2"]
    s = screen(pccc(), people(), [FED, "B86001"], JUL, present=present)
    assert s.acting_chair_id == "lay" and not s.chair_must_hand_over and s.warnings == ()
    t = tally(pccc(), s, present, [("lay", Vote.FOR), *TIE], Outcome.APPROVED)
    assert (t.votes_for, t.votes_against, t.result) == (2, 1, Outcome.APPROVED)
    t = tally(pccc(), s, present, [("lay", Vote.AGAINST), ("gp2", Vote.FOR)], Outcome.REJECTED)
    assert (t.result, t.casting_vote_by) == (Outcome.REJECTED, "lay")


def _no_lay_clause() -> Committee:
    c = pccc()
    return Committee(c.id, c.name, c.members, QuorumRule(min_voting=2), c.policy)


def test_a_tie_with_no_lay_chair_present_is_deferred_and_screening_says_so() -> None:
    committee = _no_lay_clause()
    present = ["cfo", "gp2"]
    s = screen(committee, people(), [FED, "B86001"], JUL, present=present)
    assert s.quorate and s.acting_chair_id is None
    assert [(w.code, w.detail) for w in s.warnings] == [
        (
            WarningCode.NO_ONE_TO_CHAIR,
            "the lay chair is absent and no other lay member can take the chair: nobody has a "
            "casting vote, so a tied vote leaves the item deferred",
        )
    ]
    t = tally(committee, s, present, TIE, Outcome.DEFERRED)
    assert (t.result, t.casting_vote_by, t.votes_for, t.votes_against) == (
        Outcome.DEFERRED, None, 1, 1,
    )  # fmt: skip
    with pytest.raises(DecisionRefused, match="the votes give deferred, not approved"):
        tally(committee, s, present, TIE, Outcome.APPROVED)
