"""Committee make-up (a PCCC has a lay chair and a lay and executive majority, Co-commissioning
evaluation 3.4.1), non-voting members and deputies in the quorum as terms of reference count them
(3.4.1, Table 9 and after), and clinical advice from conflicted members who do not vote (3.4.3, the
minor surgery meeting)."""

from __future__ import annotations

import pytest

from services.conflicts.domain.committees import (
    CommitteeKind,
    Member,
    QuorumRule,
    RoleClause,
    check_makeup,
)
from services.conflicts.domain.decisions import (
    DecisionRefused,
    Outcome,
    Vote,
    check_clinical_advice,
    tally,
)
from services.conflicts.domain.registers import Affiliation, Person, Relationship
from services.conflicts.domain.screening import screen
from shared.rules import RuleBroken
from tests.unit.conflicts.factories import JUL, R, pccc, people

PCCC = CommitteeKind.PCCC
LAY_CHAIR = Member("chair", R.LAY_CHAIR, True)
EXECS = [Member("co", R.CHIEF_OFFICER, True), Member("cfo", R.CFO, True)]
GPS = [Member(f"gp{i}", R.GP, True) for i in range(1, 4)]


def test_a_pccc_with_a_lay_chair_and_a_lay_and_executive_majority_is_formed() -> None:
    check_makeup(PCCC, [LAY_CHAIR, *EXECS, *GPS[:2], Member("nhse", R.NHSE, False)])


def test_a_pccc_whose_voters_are_mostly_gps_is_refused_naming_members() -> None:
    with pytest.raises(RuleBroken) as refused:
        check_makeup(PCCC, [LAY_CHAIR, *EXECS, *GPS])
    assert refused.value.field == "members"
    assert "3 of 6 are lay members or executives" in refused.value.message


def test_non_voting_gps_do_not_break_the_majority() -> None:
    non_voting = [Member(m.person_id, m.role, False) for m in GPS]
    check_makeup(PCCC, [LAY_CHAIR, *EXECS, *non_voting])


def test_a_pccc_without_a_lay_chair_is_refused() -> None:
    with pytest.raises(RuleBroken, match="one voting lay chair, not 0"):
        check_makeup(PCCC, [Member("lay", R.LAY_MEMBER, True), *EXECS])


def test_another_kind_of_committee_has_no_make_up_rule() -> None:
    check_makeup(CommitteeKind.OTHER, GPS)


def test_a_deputy_for_someone_not_on_the_committee_is_refused_naming_the_field() -> None:
    with pytest.raises(RuleBroken) as refused:
        check_makeup(CommitteeKind.OTHER, [*GPS, Member("d", R.GP, True, deputy_for="nobody")])
    assert refused.value.field == ["members", 3, "deputy_for"]


def test_a_deputy_does_not_count_towards_the_pccc_majority() -> None:
    deputies = [Member(f"d{i}", R.LAY_MEMBER, True, deputy_for=f"gp{i}") for i in range(1, 4)]
    with pytest.raises(RuleBroken):
        check_makeup(PCCC, [LAY_CHAIR, *EXECS, *GPS, *deputies])


# "Four members (or their deputies) were required for quorum" (Co-commissioning evaluation 3.4.1).
FOUR_OR_DEPUTIES = QuorumRule(min_voting=4, count_deputies=True)


def test_a_deputy_counts_for_quorum_only_where_the_rule_counts_deputies() -> None:
    present = [LAY_CHAIR, *EXECS, Member("dep", R.GP, True, deputy_for="gp1")]
    assert FOUR_OR_DEPUTIES.shortfalls(present) == []
    assert QuorumRule(min_voting=4).shortfalls(present) == ["3 eligible voting members, 4 needed"]


def test_any_two_non_voting_members_can_be_required() -> None:
    rule = QuorumRule(min_voting=3, min_non_voting=2)
    voters = [LAY_CHAIR, *EXECS]
    assert rule.shortfalls(voters) == ["0 eligible non-voting members, 2 needed"]
    nhse = [Member("n1", R.NHSE, False), Member("n2", R.OTHER, False)]
    assert rule.shortfalls([*voters, *nhse]) == []


def test_non_voting_members_count_where_the_terms_of_reference_say() -> None:
    # "Chief Officer or Chief Finance Officer and two of ... Lay Member ..., Nurse, or Secondary
    # Care Consultant" (Co-commissioning evaluation 3.4.1, Table 9).
    rule = QuorumRule(
        min_voting=4,
        count_non_voting=True,
        required=(RoleClause(frozenset({R.LAY_MEMBER, R.NURSE, R.SECONDARY_CARE_DOCTOR}), 2),),
    )
    present = [EXECS[0], Member("lay", R.LAY_MEMBER, True), Member("nurse", R.NURSE, False), GPS[0]]
    assert rule.shortfalls(present) == []
    strict = QuorumRule(min_voting=4, required=rule.required)
    assert strict.shortfalls(present) == [
        "3 eligible voting members, 4 needed",
        "needs at least 2 of lay_member or nurse or secondary_care_doctor",
    ]


def test_a_deputy_acts_only_while_their_member_is_absent() -> None:
    committee = pccc(Member("dep", R.GP, True, deputy_for="gp2"))
    assert [m.person_id for m in committee.acting(["chair", "gp2", "dep"])] == ["chair", "gp2"]
    assert [m.person_id for m in committee.acting(["chair", "dep"])] == ["chair", "dep"]
    s = screen(committee, people(), ["Z0"], JUL, present=["chair", "lay", "cfo", "gp2", "dep"])
    with pytest.raises(DecisionRefused, match="deputises for gp2, who is present"):
        tally(committee, s, s.present, [("dep", Vote.FOR)], Outcome.APPROVED)
    s = screen(committee, people(), ["Z0"], JUL, present=["chair", "lay", "cfo", "dep"])
    t = tally(committee, s, s.present, [("dep", Vote.FOR)], Outcome.APPROVED)
    assert t.votes_for == 1


def _every_gp_conflicted() -> dict[str, Person]:
    return people(gp2=Person("gp2", "Dr Two", (Affiliation("B86001", Relationship.PARTNER),)))


def test_clinical_advice_from_conflicted_gps_present_is_recorded_without_their_votes() -> None:
    present = ["chair", "lay", "cfo", "gp1", "gp2"]
    s = screen(pccc(), _every_gp_conflicted(), ["B86001"], JUL, present=present)
    check_clinical_advice(pccc(), s, present, ["gp1", "gp2"])
    with pytest.raises(DecisionRefused, match="gp1 is conflicted"):
        tally(pccc(), s, present, [("gp1", Vote.FOR)], Outcome.APPROVED)


@pytest.mark.parametrize(
    ("advisers", "where", "why"),
    [
        (["cfo"], ["clinical_advice_from", 0], "is not a clinician"),
        (["gp1", "gp1"], ["clinical_advice_from", 1], "is named twice"),
        (["nobody"], ["clinical_advice_from", 0], "is not a committee member"),
    ],
)
def test_clinical_advice_is_refused_from_anyone_else(
    advisers: list[str], where: list[str | int], why: str
) -> None:
    present = ["chair", "lay", "cfo", "gp1", "gp2"]
    s = screen(pccc(), _every_gp_conflicted(), ["B86001"], JUL, present=present)
    with pytest.raises(DecisionRefused, match=why) as refused:
        check_clinical_advice(pccc(), s, present, advisers)
    assert refused.value.field == where


def test_clinical_advice_from_an_absent_gp_is_refused() -> None:
    present = ["chair", "lay", "cfo", "gp1"]
    s = screen(pccc(), _every_gp_conflicted(), ["B86001"], JUL, present=present)
    with pytest.raises(DecisionRefused, match="gp2 is not recorded as present"):
        check_clinical_advice(pccc(), s, present, ["gp2"])


def test_clinical_advice_from_conflicted_members_is_refused_while_a_clinician_remains() -> None:
    present = ["chair", "lay", "cfo", "gp1", "gp2"]
    s = screen(pccc(), people(), ["B86001"], JUL, present=present)
    with pytest.raises(DecisionRefused, match="an unconflicted clinician is in the room"):
        check_clinical_advice(pccc(), s, present, ["gp1"])
