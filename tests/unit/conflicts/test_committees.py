"""Quorum rules held as data (Co-commissioning evaluation 3.4.1 and 3.4.3) and the conflict
policy."""

from __future__ import annotations

from services.conflicts.domain.committees import (
    Committee,
    CommitteeRole,
    ConflictAction,
    ConflictKind,
    Member,
    QuorumRule,
    RoleClause,
)

R = CommitteeRole
LAY_AND_EXEC = QuorumRule(
    min_voting=3,
    required=(
        RoleClause(frozenset({R.LAY_CHAIR, R.LAY_MEMBER})),
        RoleClause(frozenset({R.CHIEF_OFFICER, R.CFO})),
    ),
)


def _m(pid: str, role: CommitteeRole, voting: bool = True) -> Member:
    return Member(pid, role, voting)


def test_three_with_a_lay_member_and_the_cfo_are_quorate() -> None:
    present = [_m("a", R.LAY_MEMBER), _m("b", R.CFO), _m("c", R.GP)]
    assert LAY_AND_EXEC.shortfalls(present) == []


def test_without_chief_officer_or_cfo_the_role_clause_fails() -> None:
    present = [_m("a", R.LAY_MEMBER), _m("b", R.GP), _m("c", R.NURSE)]
    assert LAY_AND_EXEC.shortfalls(present) == ["needs at least 1 of cfo or chief_officer"]


def test_non_voting_members_do_not_count_towards_quorum() -> None:
    present = [_m("a", R.LAY_MEMBER), _m("b", R.CFO), _m("n", R.NHSE, voting=False)]
    assert LAY_AND_EXEC.shortfalls(present) == ["2 eligible voting members, 3 needed"]


def test_lay_majority_needs_more_than_half_of_voters_lay() -> None:
    rule = QuorumRule(min_voting=2, lay_majority=True)
    assert rule.shortfalls([_m("a", R.LAY_CHAIR), _m("b", R.GP)]) == [
        "lay members are not a majority of eligible voters"
    ]
    assert rule.shortfalls([_m("a", R.LAY_CHAIR), _m("b", R.LAY_MEMBER), _m("c", R.GP)]) == []


def test_policy_overrides_default_action_per_kind() -> None:
    committee = Committee(
        "c",
        "PCCC",
        (),
        LAY_AND_EXEC,
        {ConflictKind.INDIRECT: ConflictAction.LEAVE_ROOM},
    )
    assert committee.action_for(ConflictKind.INDIRECT) is ConflictAction.LEAVE_ROOM
    assert committee.action_for(ConflictKind.FINANCIAL) is ConflictAction.LEAVE_ROOM
    assert committee.action_for(ConflictKind.PROFESSIONAL) is ConflictAction.STAY_NO_VOTE
