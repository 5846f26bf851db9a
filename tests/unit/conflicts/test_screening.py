"""Screening: affected organisations on the decision date and who is conflicted, with the
action, quorum, chair hand-over and remaining clinical advice (Co-commissioning evaluation 3.4.3,
"Management of conflicts of interest")."""

from __future__ import annotations

from datetime import date

from services.conflicts.domain.affected import Affected, Ground, ItemContract, affected_by
from services.conflicts.domain.committees import ConflictAction, ConflictKind, Member
from services.conflicts.domain.membership import MembershipChange, members_on
from services.conflicts.domain.registers import Affiliation, HeldBy, Person, Relationship
from services.conflicts.domain.screening import WarningCode, screen
from tests.unit.conflicts.factories import FED, JAN, JUL, R, declaration, membership, pccc, people


def test_members_on_a_date_follow_joins_and_leaves_in_any_order() -> None:
    changes = list(reversed(membership()))
    assert members_on(FED, changes, date(2026, 3, 1)) == {"B86001", "B86002"}
    assert members_on(FED, changes, JUL) == {"B86001"}
    assert members_on(FED, changes, date(2025, 12, 31)) == set()


def test_a_leave_on_the_day_of_a_join_wins() -> None:
    changes = [MembershipChange(FED, "B1", False, JAN), MembershipChange(FED, "B1", True, JAN)]
    assert members_on(FED, changes, JAN) == set()


def _hub(provider: str = FED) -> ItemContract:
    return ItemContract("c-hub", "HUB", "02W", provider, "Extended access hub")


def _codes(affected: list[Affected]) -> list[str]:
    return [a.ods for a in affected]


def test_affected_are_the_federation_and_its_members_on_the_decision_date() -> None:
    assert _codes(affected_by(_hub(), membership(), [], date(2026, 3, 1))) == [
        FED,
        "B86001",
        "B86002",
    ]
    assert _codes(affected_by(_hub(), membership(), [], JUL)) == [FED, "B86001"]


def test_a_practice_provider_affects_only_itself() -> None:
    assert _codes(affected_by(_hub("B86001"), [], [], JUL)) == ["B86001"]


def test_gp_partner_of_a_member_practice_is_conflicted_and_leaves_the_room() -> None:
    s = screen(pccc(), people(), affected_by(_hub(), membership(), [], JUL), JUL)
    [c] = s.conflicts
    assert (c.person_id, c.kind, c.action) == (
        "gp1",
        ConflictKind.FINANCIAL,
        ConflictAction.LEAVE_ROOM,
    )
    assert c.reason == f"partner of B86001, a member of {FED}"
    assert s.affected == (
        Affected(FED, Ground.PROVIDER, ", the provider"),
        Affected("B86001", Ground.FEDERATION_MEMBER, f", a member of {FED}"),
    )
    assert s.quorate and s.clinician_remains and not s.chair_must_hand_over


def test_salaried_gp_gets_the_professional_action() -> None:
    gp2 = Person("gp2", "Dr Two", (Affiliation("B86001", Relationship.SALARIED_GP),))
    s = screen(pccc(Member("nurse", R.NURSE, True)), people(gp2=gp2), [FED, "B86001"], JUL)
    assert {c.person_id: c.action for c in s.conflicts} == {
        "gp1": ConflictAction.LEAVE_ROOM,
        "gp2": ConflictAction.STAY_NO_VOTE,
    }
    assert s.clinician_remains


def test_family_declaration_is_an_indirect_conflict_only_while_active() -> None:
    chair = Person("chair", "Lay Chair", declarations=(
        declaration("B86001", HeldBy.FAMILY, end_date=date(2026, 5, 31)),
    ))  # fmt: skip
    during = screen(pccc(), people(chair=chair), [FED, "B86001"], date(2026, 5, 31))
    assert {c.person_id: c.kind for c in during.conflicts}["chair"] is ConflictKind.INDIRECT
    after = screen(pccc(), people(chair=chair), [FED, "B86001"], JUL)
    assert "chair" not in after.excluded


def test_close_associate_interest_conflicts_too() -> None:
    cfo = Person("cfo", "CFO", declarations=(declaration(FED, HeldBy.CLOSE_ASSOCIATE),))
    s = screen(pccc(), people(cfo=cfo), [FED], JUL)
    assert "cfo" in s.excluded and "close_associate" in s.conflicts[0].reason


def test_conflicted_chair_hands_over_to_another_lay_member() -> None:
    chair = Person("chair", "Lay Chair", declarations=(declaration(FED),))
    s = screen(pccc(), people(chair=chair), [FED], JUL)
    assert s.chair_must_hand_over and s.acting_chair_id == "lay"


def test_when_every_gp_is_conflicted_no_clinician_remains_and_advice_only_is_offered() -> None:
    gp2 = Person("gp2", "Dr Two", (Affiliation("B86002", Relationship.PARTNER),))
    s = screen(pccc(), people(gp2=gp2), [FED, "B86001", "B86002"], date(2026, 3, 1))
    assert not s.clinician_remains
    assert {c.action for c in s.conflicts} == {ConflictAction.ADVICE_ONLY_WHEN_ASKED}
    assert [w.code for w in s.warnings] == [WarningCode.NO_CLINICIAN_IN_ROOM]


def test_quorum_lost_when_exclusions_leave_too_few_voters() -> None:
    cfo = Person("cfo", "CFO", declarations=(declaration(FED),))
    s = screen(
        pccc(), people(cfo=cfo), [FED, "B86001"], JUL, present=["chair", "cfo", "gp1", "gp2"]
    )
    assert not s.quorate
    assert s.quorum_shortfalls == (
        "2 eligible voting members, 3 needed",
        "needs at least 1 of cfo or chief_officer",
    )


def test_a_conflict_raised_at_the_meeting_excludes_the_member() -> None:
    s = screen(
        pccc(Member("nurse", R.NURSE, True)),
        people(),
        [FED],
        JUL,
        raised=[("nurse", ConflictKind.PERSONAL, "raised by chair: sister works there")],
    )
    assert {c.person_id: c.action for c in s.conflicts} == {"nurse": ConflictAction.STAY_NO_VOTE}


def test_conflicted_chair_with_no_other_lay_member_warns() -> None:
    committee = pccc()
    committee = type(committee)(
        committee.id,
        committee.name,
        tuple(m for m in committee.members if m.person_id != "lay"),
        committee.quorum,
    )
    chair = Person("chair", "Lay Chair", declarations=(declaration(FED),))
    s = screen(committee, people(chair=chair), [FED], JUL)
    assert s.chair_must_hand_over and s.acting_chair_id is None
    assert [w.code for w in s.warnings] == [
        WarningCode.INQUORATE_AFTER_CONFLICTS,  # the lay clause fails too
        WarningCode.NO_ONE_TO_CHAIR,
    ]
    assert "no other lay member can take the chair" in s.warnings[1].detail
    assert not s.quorate
